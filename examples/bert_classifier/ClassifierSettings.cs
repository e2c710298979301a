using System.Globalization;

namespace BertClassifier;

/// <summary>The example's own environment variables.</summary>
/// <param name="OnnxDirectory"><c>BERT_ONNX_DIR</c>: a fine-tuned BERT classifier exported to ONNX (model.onnx, vocab.txt, config.json); when set it predicts instead of MiniLM + head.</param>
/// <param name="TrainEvery"><c>START_TRAINING_EACH_N_UPDATES</c>: retrain the head after this many new or changed annotations (default 1; START_TRAINING always trains).</param>
public sealed record ClassifierSettings(string? OnnxDirectory, int TrainEvery)
{
    /// <summary>Reads the settings from configuration (the environment, or a test's settings).</summary>
    public static ClassifierSettings From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var every = configuration["START_TRAINING_EACH_N_UPDATES"] is { Length: > 0 } text
            ? int.Parse(text, NumberStyles.Integer, CultureInfo.InvariantCulture)
            : 1;
        return new ClassifierSettings(configuration["BERT_ONNX_DIR"] is { Length: > 0 } directory ? directory : null, Math.Max(1, every));
    }
}
