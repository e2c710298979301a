using LabelStudio.ML.Examples.Text;

namespace HuggingFaceNer;

/// <summary>
/// A user's BIO token-classification model exported to ONNX (e.g. a fine-tuned <c>dslim/bert-base-NER</c>), loaded once
/// on first use from <c>NER_ONNX_DIR</c>; absent when the variable is not set.
/// </summary>
public sealed class UserTokenClassifier(string? directory) : IDisposable
{
    private readonly UserOnnxModel _model = new(directory, "NER_ONNX_DIR");

    /// <summary>Whether a model is configured.</summary>
    public bool IsConfigured => _model.IsConfigured;

    /// <summary>The loaded model (loads it the first time).</summary>
    public OnnxModelFolder Folder => _model.Folder;

    /// <summary>
    /// For every text, the tag and its probability of each word, read at the word's first token (the Hugging Face
    /// convention), from one ONNX call.
    /// </summary>
    public List<(EncodedText Text, string[] Tags, double[] Probabilities)> Tag(IReadOnlyList<string> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var folder = Folder;
        var (encoded, values, dimensions) = _model.Run(texts);
        if (dimensions.Length != 3 || dimensions[2] != folder.Labels.Count)
        {
            throw new InvalidDataException(
                $"The ONNX token classifier's '{folder.OutputName}' has shape [{string.Join(", ", dimensions)}]; [batch, tokens, {folder.Labels.Count}] was expected.");
        }

        var (length, classes) = (dimensions[1], dimensions[2]);
        var result = new List<(EncodedText, string[], double[])>(texts.Count);
        for (var row = 0; row < encoded.Count; row++)
        {
            var text = encoded[row];
            var tags = new string[text.Words.Count];
            var probabilities = new double[text.Words.Count];
            for (var token = 0; token < text.Ids.Length; token++)
            {
                var word = text.TokenWords[token];
                if (word < 0 || tags[word] is not null)
                {
                    continue;
                }

                var softmax = VectorMath.Softmax(values.AsSpan(((row * length) + token) * classes, classes));
                var best = VectorMath.ArgMax(softmax);
                tags[word] = folder.Labels[best];
                probabilities[word] = softmax[best];
            }

            result.Add((text, tags, probabilities));
        }

        return result;
    }

    /// <inheritdoc />
    public void Dispose() => _model.Dispose();
}
