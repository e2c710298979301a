namespace NemoAsr;

/// <summary>The example's own environment variables.</summary>
/// <param name="Engine"><c>ASR_ENGINE</c>: <c>pocketsphinx</c> (default) or <c>whisper</c>.</param>
/// <param name="PocketSphinxAcousticModel"><c>POCKETSPHINX_HMM</c>: the acoustic model folder.</param>
/// <param name="PocketSphinxLanguageModel"><c>POCKETSPHINX_LM</c>: the n-gram language model.</param>
/// <param name="PocketSphinxDictionary"><c>POCKETSPHINX_DICT</c>: the pronunciation dictionary.</param>
/// <param name="WhisperModelPath"><c>WHISPER_MODEL_PATH</c>: a ggml Whisper model; required for <c>ASR_ENGINE=whisper</c>.</param>
/// <param name="WhisperLanguage"><c>WHISPER_LANGUAGE</c>: the spoken language, or <c>auto</c> to detect it (default <c>en</c>).</param>
/// <param name="FfmpegPath"><c>FFMPEG_PATH</c>: the FFmpeg program for formats other than WAV (default <c>ffmpeg</c>, looked up on PATH).</param>
public sealed record SpeechSettings(
    string Engine,
    string PocketSphinxAcousticModel,
    string PocketSphinxLanguageModel,
    string PocketSphinxDictionary,
    string? WhisperModelPath,
    string WhisperLanguage,
    string FfmpegPath)
{
    /// <summary>Where Debian's <c>pocketsphinx-en-us</c> puts the US English model.</summary>
    public const string DebianModelDirectory = "/usr/share/pocketsphinx/model/en-us";

    /// <summary>Reads the settings from configuration.</summary>
    /// <exception cref="InvalidOperationException"><c>ASR_ENGINE</c> names no known engine.</exception>
    public static SpeechSettings From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var engine = (Value(configuration, "ASR_ENGINE") ?? "pocketsphinx").ToLowerInvariant();
        if (engine is not ("pocketsphinx" or "whisper"))
        {
            throw new InvalidOperationException($"ASR_ENGINE must be 'pocketsphinx' or 'whisper', got '{engine}'.");
        }

        return new SpeechSettings(
            engine,
            Value(configuration, "POCKETSPHINX_HMM") ?? Path.Combine(DebianModelDirectory, "en-us"),
            Value(configuration, "POCKETSPHINX_LM") ?? Path.Combine(DebianModelDirectory, "en-us.lm.bin"),
            Value(configuration, "POCKETSPHINX_DICT") ?? Path.Combine(DebianModelDirectory, "cmudict-en-us.dict"),
            Value(configuration, "WHISPER_MODEL_PATH"),
            Value(configuration, "WHISPER_LANGUAGE") ?? "en",
            Value(configuration, "FFMPEG_PATH") ?? "ffmpeg");
    }

    private static string? Value(IConfiguration configuration, string key) =>
        configuration[key] is { Length: > 0 } text ? text.Trim() : null;
}
