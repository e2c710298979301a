using LabelStudio.ML.Examples.Text;

namespace BertClassifier;

/// <summary>
/// A user's fine-tuned BERT sequence classifier exported to ONNX (Hugging Face <c>optimum</c> layout), loaded once
/// on first use from <c>BERT_ONNX_DIR</c>; absent when the variable is not set.
/// </summary>
public sealed class FineTunedClassifier(string? directory) : IDisposable
{
    private readonly UserOnnxModel _model = new(directory, "BERT_ONNX_DIR");

    /// <summary>Whether a model is configured.</summary>
    public bool IsConfigured => _model.IsConfigured;

    /// <summary>The loaded model (loads it the first time).</summary>
    public OnnxModelFolder Folder => _model.Folder;

    /// <summary>Class probabilities for every text, in one ONNX call.</summary>
    public double[][] Classify(IReadOnlyList<string> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var folder = Folder;
        var (_, values, dimensions) = _model.Run(texts);
        var classes = dimensions[^1];
        if (dimensions.Length != 2 || classes != folder.Labels.Count)
        {
            throw new InvalidDataException(
                $"The ONNX classifier's '{folder.OutputName}' has shape [{string.Join(", ", dimensions)}]; [batch, {folder.Labels.Count}] (one logit per id2label entry) was expected.");
        }

        return [.. Enumerable.Range(0, texts.Count).Select(row => VectorMath.Softmax(values.AsSpan(row * classes, classes)))];
    }

    /// <inheritdoc />
    public void Dispose() => _model.Dispose();
}
