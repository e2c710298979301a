using System.Text;
using Whisper.net;

namespace NemoAsr;

/// <summary>
/// OpenAI Whisper through Whisper.net (whisper.cpp) with a ggml model the user supplies (<c>WHISPER_MODEL_PATH</c>,
/// e.g. <c>ggml-base.en.bin</c> from the whisper.cpp model list). The model is loaded once; each clip gets its own
/// processor, so clips are transcribed in parallel.
/// </summary>
public sealed class WhisperRecognizer : ISpeechRecognizer, IDisposable
{
    private readonly WhisperFactory _factory;
    private readonly string _language;

    /// <summary>Loads the model named by <paramref name="settings"/>.</summary>
    /// <exception cref="SpeechEngineException"><c>WHISPER_MODEL_PATH</c> is unset, missing, or not a ggml Whisper model.</exception>
    public WhisperRecognizer(SpeechSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.WhisperModelPath is not { } path)
        {
            throw new SpeechEngineException(
                "ASR_ENGINE=whisper needs WHISPER_MODEL_PATH: the path of a ggml Whisper model (e.g. ggml-base.en.bin from the whisper.cpp model list).");
        }

        if (!File.Exists(path))
        {
            throw new SpeechEngineException(
                $"WHISPER_MODEL_PATH names a file that does not exist: {path}. Download a ggml Whisper model (e.g. ggml-base.en.bin) and mount it there.");
        }

        WhisperFactory? factory = null;
        try
        {
            factory = WhisperFactory.FromPath(path);
            // The factory reads the file lazily, on the first builder: read it now so a bad file fails here, named.
            _ = factory.CreateBuilder();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            factory?.Dispose();
            throw new SpeechEngineException($"WHISPER_MODEL_PATH {path} is not a ggml Whisper model whisper.cpp can load: {ex.Message}", ex);
        }

        _factory = factory;
        _language = settings.WhisperLanguage;
    }

    /// <inheritdoc />
    public string Name => "whisper";

    /// <inheritdoc />
    public async Task<Transcript> TranscribeAsync(float[] samples, CancellationToken cancellationToken)
    {
        await using var processor = _factory.CreateBuilder().WithLanguage(_language).WithProbabilities().Build();
        var text = new StringBuilder();
        var probabilities = new List<double>();
        await foreach (var segment in processor.ProcessAsync(samples, cancellationToken))
        {
            text.Append(segment.Text);
            probabilities.Add(segment.Probability);
        }

        return new Transcript(text.ToString().Trim(), probabilities.Count == 0 ? 0 : Math.Round(Math.Clamp(probabilities.Average(), 0, 1), 4));
    }

    /// <summary>Frees the model.</summary>
    public void Dispose() => _factory.Dispose();
}
