using System.Globalization;

namespace Yolo;

/// <summary>The example's environment variables, named as the original backend names them.</summary>
/// <param name="ModelRoot"><c>MODEL_ROOT</c>: the folder <c>model_path</c> attributes are relative to (default <c>./models</c>).</param>
/// <param name="AllowCustomModelPath"><c>ALLOW_CUSTOM_MODEL_PATH</c>: whether controls may name their model with <c>model_path</c> (default true).</param>
/// <param name="ScoreThreshold"><c>MODEL_SCORE_THRESHOLD</c>: the score below which regions are dropped, unless a control says otherwise (default 0.5).</param>
/// <param name="MaxVideoFrames"><c>VIDEO_MAX_FRAMES</c>: the most frames read from a video (default 3000); later frames are not predicted.</param>
public sealed record YoloSettings(string ModelRoot, bool AllowCustomModelPath, double ScoreThreshold, int MaxVideoFrames)
{
    /// <summary>Reads the settings from configuration (the environment, or a test's settings).</summary>
    /// <returns>The settings.</returns>
    public static YoloSettings From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var root = configuration["MODEL_ROOT"] is { Length: > 0 } folder ? folder : Path.Combine(AppContext.BaseDirectory, "models");
        var allow = configuration["ALLOW_CUSTOM_MODEL_PATH"] is not { Length: > 0 } flag || flag.Trim().ToLowerInvariant() is "true" or "1" or "yes";
        var threshold = Number(configuration, "MODEL_SCORE_THRESHOLD", 0.5);
        var frames = (int)Number(configuration, "VIDEO_MAX_FRAMES", 3000);
        return new YoloSettings(Path.GetFullPath(root), allow, threshold, Math.Max(1, frames));
    }

    private static double Number(IConfiguration configuration, string key, double fallback) =>
        configuration[key] is not { Length: > 0 } text ? fallback
        : double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value
        : throw new InvalidOperationException($"{key} must be a number, not \"{text}\".");
}
