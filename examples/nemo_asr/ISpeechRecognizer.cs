namespace NemoAsr;

/// <summary>A speech recognition engine: 16 kHz mono samples in, a transcript out.</summary>
public interface ISpeechRecognizer
{
    /// <summary>The engine's name, reported in the model version.</summary>
    string Name { get; }

    /// <summary>Transcribes <paramref name="samples"/> (16 kHz, mono, −1 to 1).</summary>
    Task<Transcript> TranscribeAsync(float[] samples, CancellationToken cancellationToken);
}
