namespace NemoAsr;

/// <summary>
/// Loads the configured engine on first use and keeps it. A failed load is not kept: the next request tries again,
/// so a model file mounted after start-up is picked up without a restart.
/// </summary>
public sealed class SpeechRecognizerHolder(SpeechSettings settings) : IDisposable
{
    private readonly Lock _gate = new();
    private ISpeechRecognizer? _recognizer;

    /// <summary>The engine, loaded if needed.</summary>
    /// <exception cref="SpeechEngineException">The engine cannot load; the message names the setting and the fix.</exception>
    public ISpeechRecognizer Get()
    {
        lock (_gate)
        {
            return _recognizer ??= settings.Engine == "whisper" ? new WhisperRecognizer(settings) : new PocketSphinxRecognizer(settings);
        }
    }

    /// <summary>Frees the engine.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            (_recognizer as IDisposable)?.Dispose();
            _recognizer = null;
        }
    }
}
