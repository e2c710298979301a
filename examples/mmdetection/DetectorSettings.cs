using System.Globalization;
using LabelStudio.ML.Examples.Vision;

namespace MmDetection;

/// <summary>The example's environment variables.</summary>
/// <param name="ModelFile"><c>ONNX_MODEL_FILE</c>: the detector exported to ONNX (mmdeploy's end-to-end export, or an Ultralytics detect export), a path or a URL (downloaded by <see cref="ModelFileLocator"/>, here its local copy); unset, the OpenCV cascades detect.</param>
/// <param name="LabelsFile"><c>LABELS_FILE</c>: the class names, one per line, when the model's metadata has none; a path or a URL, as the model.</param>
/// <param name="ScoreThreshold"><c>SCORE_THRESHOLD</c>: detections below this score are dropped (default 0.5, as the original).</param>
/// <param name="InputSize"><c>MMDET_INPUT_SIZE</c>: width×height images are fitted into when the model's input size is dynamic (default 1333x800, mmdetection's usual test scale).</param>
public sealed record DetectorSettings(string? ModelFile, string? LabelsFile, double ScoreThreshold, (int Width, int Height) InputSize)
{
    /// <summary>Reads the settings from configuration (the environment, or a test's settings).</summary>
    /// <returns>The settings.</returns>
    public static DetectorSettings From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var threshold = configuration["SCORE_THRESHOLD"] is { Length: > 0 } text
            ? double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture)
            : 0.5;
        var size = (1333, 800);
        if (configuration["MMDET_INPUT_SIZE"] is { Length: > 0 } sizeText)
        {
            var parts = sizeText.ToLowerInvariant().Split('x');
            size = parts.Length == 2 && int.TryParse(parts[0], CultureInfo.InvariantCulture, out var w) && int.TryParse(parts[1], CultureInfo.InvariantCulture, out var h) && w > 0 && h > 0
                ? (w, h)
                : throw new InvalidOperationException($"MMDET_INPUT_SIZE must be WIDTHxHEIGHT, e.g. 1333x800, not \"{sizeText}\".");
        }

        var locator = ModelFileLocator.From(configuration);
        return new DetectorSettings(
            locator.LocateSetting(configuration, "ONNX_MODEL_FILE"),
            locator.LocateSetting(configuration, "LABELS_FILE"),
            threshold,
            size);
    }
}
