using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace LabelStudio.ML.Examples.Vision;

/// <summary>
/// The grounding examples' variables: <c>GROUNDING_DINO_MODEL</c> (a Grounding DINO ONNX export; unset, OpenCV's
/// cascades chosen by the prompt's words), <c>GROUNDING_DINO_VOCAB</c> (BERT's vocab.txt, by default next to the
/// model), <c>BOX_THRESHOLD</c> and <c>TEXT_THRESHOLD</c> (defaults 0.3 and 0.25, as the original's).
/// </summary>
public sealed record GroundingSettings(string? ModelPath, string? VocabPath, GroundingThresholds Thresholds)
{
    /// <summary>Reads the settings.</summary>
    /// <returns>The settings.</returns>
    /// <exception cref="InvalidOperationException">A threshold is not a number from 0 to 1.</exception>
    public static GroundingSettings From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var model = configuration["GROUNDING_DINO_MODEL"] is { Length: > 0 } m ? m : null;
        var vocab = configuration["GROUNDING_DINO_VOCAB"] is { Length: > 0 } v ? v
            : model is null ? null : Path.Combine(Path.GetDirectoryName(Path.GetFullPath(model)) ?? ".", "vocab.txt");
        return new GroundingSettings(model, vocab, new GroundingThresholds(
            Fraction(configuration, "BOX_THRESHOLD", GroundingThresholds.DefaultBox), Fraction(configuration, "TEXT_THRESHOLD", GroundingThresholds.DefaultText)));
    }

    /// <summary>The configured detector: the ONNX model, or the cascades.</summary>
    /// <returns>The detector.</returns>
    public IGroundedDetector Create(CascadeDetector cascades) =>
        ModelPath is null ? new CascadeGroundedDetector(cascades) : new GroundingDinoOnnxDetector(ModelPath, VocabPath!);

    private static double Fraction(IConfiguration configuration, string key, double fallback)
    {
        if (configuration[key] is not { Length: > 0 } text)
        {
            return fallback;
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value is >= 0 and <= 1
            ? value
            : throw new InvalidOperationException($"{key} must be a number from 0 to 1, got '{text}'.");
    }
}
