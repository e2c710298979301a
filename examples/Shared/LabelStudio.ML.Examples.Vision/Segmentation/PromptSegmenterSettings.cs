using Microsoft.Extensions.Configuration;

namespace LabelStudio.ML.Examples.Vision;

/// <summary>
/// Which segmenter an example uses, from variables named after <c>prefix</c> (<c>SAM</c>, <c>SAM2</c>):
/// <c>{prefix}_ENCODER_PATH</c> and <c>{prefix}_DECODER_PATH</c> (a user's ONNX export, each a path or a URL
/// <see cref="ModelFileLocator"/> downloads; both or neither),
/// <c>{prefix}_CACHE_ENTRIES</c> (embeddings kept, default 16) and <c>{prefix}_CACHE_MB</c> (their memory, default 512).
/// Without model paths the offline GrabCut segmenter is used.
/// </summary>
public sealed record PromptSegmenterSettings(string Prefix, string? EncoderPath, string? DecoderPath, int CacheEntries, long CacheBytes)
{
    /// <summary>Reads the settings.</summary>
    /// <returns>The settings.</returns>
    /// <exception cref="InvalidOperationException">Only one of the two paths is set, a cache size is no positive whole number, or a model URL does not download.</exception>
    public static PromptSegmenterSettings From(IConfiguration configuration, string prefix)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var encoder = configuration[$"{prefix}_ENCODER_PATH"] is { Length: > 0 } e ? e : null;
        var decoder = configuration[$"{prefix}_DECODER_PATH"] is { Length: > 0 } d ? d : null;
        if ((encoder is null) != (decoder is null))
        {
            throw new InvalidOperationException(
                $"{prefix}_ENCODER_PATH and {prefix}_DECODER_PATH go together: set both to use a Segment Anything ONNX export, or neither for GrabCut.");
        }

        var entries = ConfigurationNumbers.PositiveWhole(configuration, $"{prefix}_CACHE_ENTRIES", 16);
        var bytes = ConfigurationNumbers.PositiveWhole(configuration, $"{prefix}_CACHE_MB", 512) << 20;
        var locator = ModelFileLocator.From(configuration);
        return new PromptSegmenterSettings(
            prefix,
            encoder is null ? null : locator.Locate($"{prefix}_ENCODER_PATH", encoder),
            decoder is null ? null : locator.Locate($"{prefix}_DECODER_PATH", decoder),
            entries,
            bytes);
    }

    /// <summary>Whether a Segment Anything export is configured.</summary>
    public bool UsesOnnx => EncoderPath is not null;

    /// <summary>The configured segmenter; loading the ONNX files checks their signatures.</summary>
    /// <returns>The segmenter.</returns>
    public IPromptSegmenter Create() =>
        UsesOnnx ? new SamOnnxSegmenter(EncoderPath!, DecoderPath!, CacheEntries, CacheBytes) : new GrabCutPromptSegmenter();
}
