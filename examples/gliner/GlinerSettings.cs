using System.Globalization;

namespace Gliner;

/// <summary>The example's own environment variables.</summary>
/// <param name="ModelDirectory"><c>GLINER_MODEL_DIR</c>: a GLiNER model exported to ONNX (see the README for the folder's files); unset, the MiniLM fallback rates spans.</param>
/// <param name="Threshold"><c>GLINER_THRESHOLD</c>: GLiNER's span probability threshold until START_TRAINING tunes one (default 0.5, as GLiNER's).</param>
/// <param name="FallbackThreshold"><c>GLINER_FALLBACK_THRESHOLD</c>: the fallback's cosine-similarity threshold until START_TRAINING tunes one (default 0.3).</param>
public sealed record GlinerSettings(string? ModelDirectory, double Threshold, double FallbackThreshold)
{
    /// <summary>Reads the settings from configuration.</summary>
    public static GlinerSettings From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return new GlinerSettings(
            configuration["GLINER_MODEL_DIR"] is { Length: > 0 } directory ? directory : null,
            Number(configuration, "GLINER_THRESHOLD", 0.5),
            Number(configuration, "GLINER_FALLBACK_THRESHOLD", 0.3));
    }

    private static double Number(IConfiguration configuration, string key, double fallback)
    {
        if (configuration[key] is not { Length: > 0 } text)
        {
            return fallback;
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value is >= 0 and < 1
            ? value
            : throw new InvalidOperationException($"{key} must be a number from 0 to 1 (exclusive), got '{text}'.");
    }
}
