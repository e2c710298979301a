using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace LabelStudio.ML.Examples.Vision;

/// <summary>
/// The grounding examples' variables: <c>GROUNDING_DINO_MODEL</c> (a Grounding DINO ONNX export, a path or a URL
/// <see cref="ModelFileLocator"/> downloads; unset, OpenCV's cascades chosen by the prompt's words),
/// <c>GROUNDING_DINO_VOCAB</c> (BERT's vocab.txt, path or URL, by default next to the model: the same folder, or for a
/// URL the same folder on the server), <c>BOX_THRESHOLD</c> and <c>TEXT_THRESHOLD</c> (defaults 0.3 and 0.25, as the original's).
/// </summary>
public sealed record GroundingSettings(string? ModelPath, string? VocabPath, GroundingThresholds Thresholds)
{
    /// <summary>Reads the settings.</summary>
    /// <returns>The settings.</returns>
    /// <exception cref="InvalidOperationException">A threshold is not a number from 0 to 1, or a URL does not download.</exception>
    public static GroundingSettings From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var thresholds = new GroundingThresholds(
            Fraction(configuration, "BOX_THRESHOLD", GroundingThresholds.DefaultBox), Fraction(configuration, "TEXT_THRESHOLD", GroundingThresholds.DefaultText));
        var locator = ModelFileLocator.From(configuration);
        var setting = configuration["GROUNDING_DINO_MODEL"] is { Length: > 0 } m ? m : null;
        var model = setting is null ? null : locator.Locate("GROUNDING_DINO_MODEL", setting);
        var vocab = locator.LocateSetting(configuration, "GROUNDING_DINO_VOCAB") ?? setting switch
        {
            null => null,
            // A model given by URL: vocab.txt from the same folder of the same server (without the model's query).
            _ when ModelFileLocator.IsUrl(setting) => locator.Locate("GROUNDING_DINO_VOCAB (vocab.txt beside GROUNDING_DINO_MODEL)", new Uri(new Uri(setting), "vocab.txt").AbsoluteUri),
            _ => Path.Combine(Path.GetDirectoryName(Path.GetFullPath(setting)) ?? ".", "vocab.txt"),
        };
        return new GroundingSettings(model, vocab, thresholds);
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
