using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace LabelStudio.ML.Examples.Text;

/// <summary>
/// A BERT-style ONNX model (inputs <c>input_ids</c>, <c>attention_mask</c> and, if the graph has it,
/// <c>token_type_ids</c>, all int64 [batch, tokens]) run on several texts at once, padded to the longest.
/// </summary>
/// <remarks>One per process: <see cref="InferenceSession.Run(IReadOnlyCollection{NamedOnnxValue})"/> is thread-safe.</remarks>
public sealed class OnnxTextModel : IDisposable
{
    private readonly InferenceSession _session;
    private readonly bool _hasTokenTypes;

    /// <summary>Loads a model from its bytes.</summary>
    public OnnxTextModel(byte[] model)
    {
        ArgumentNullException.ThrowIfNull(model);
        using var options = new SessionOptions { GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL };
        _session = new InferenceSession(model, options);
        foreach (var required in new[] { "input_ids", "attention_mask" })
        {
            if (!_session.InputMetadata.ContainsKey(required))
            {
                var inputs = string.Join(", ", _session.InputMetadata.Keys);
                _session.Dispose();
                throw new InvalidDataException($"The ONNX model has no input '{required}' (its inputs: {inputs}); a BERT-style model is expected.");
            }
        }

        _hasTokenTypes = _session.InputMetadata.ContainsKey("token_type_ids");
        OutputNames = [.. _session.OutputMetadata.Keys];
    }

    /// <summary>The graph's output names.</summary>
    public IReadOnlyList<string> OutputNames { get; }

    /// <summary>
    /// Runs the texts in one call and returns output <paramref name="outputName"/> whole ([batch, …]), with the
    /// padded sequence length the batch was run at.
    /// </summary>
    public (float[] Values, int[] Dimensions) Run(IReadOnlyList<long[]> idSequences, long padId, string outputName)
    {
        ArgumentNullException.ThrowIfNull(idSequences);
        var batch = idSequences.Count;
        var length = idSequences.Max(ids => ids.Length);
        var ids = new DenseTensor<long>([batch, length]);
        var mask = new DenseTensor<long>([batch, length]);
        for (var row = 0; row < batch; row++)
        {
            var sequence = idSequences[row];
            for (var column = 0; column < length; column++)
            {
                ids[row, column] = column < sequence.Length ? sequence[column] : padId;
                mask[row, column] = column < sequence.Length ? 1 : 0;
            }
        }

        var inputs = new List<NamedOnnxValue>
        {
            NamedOnnxValue.CreateFromTensor("input_ids", ids),
            NamedOnnxValue.CreateFromTensor("attention_mask", mask),
        };
        if (_hasTokenTypes)
        {
            inputs.Add(NamedOnnxValue.CreateFromTensor("token_type_ids", new DenseTensor<long>([batch, length])));
        }

        using var results = _session.Run(inputs, [outputName]);
        var tensor = results[0].AsTensor<float>();
        return (tensor.ToArray(), tensor.Dimensions.ToArray());
    }

    /// <inheritdoc />
    public void Dispose() => _session.Dispose();
}
