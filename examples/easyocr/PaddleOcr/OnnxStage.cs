using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace EasyOcr.PaddleOcr;

/// <summary>
/// One ONNX model of the PP-OCR pipeline with one float image input (NCHW) and one float output, loaded with a check
/// of its signature so that a wrong or damaged file is refused at startup with the shape it should have.
/// </summary>
internal sealed class OnnxStage : IDisposable
{
    private readonly InferenceSession _session;
    private readonly string _input;
    private readonly string _output;

    /// <param name="path">The .onnx file.</param>
    /// <param name="role">What the model does, for messages ("text detection", …).</param>
    /// <param name="inputShape">The expected input dimensions; -1 = dynamic or any.</param>
    /// <param name="outputRank">The expected rank of the output.</param>
    /// <exception cref="InvalidOperationException">The file is missing, is no ONNX model, or its signature differs.</exception>
    public OnnxStage(string path, string role, long[] inputShape, int outputRank)
    {
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"The {role} model {path} is missing.");
        }

        try
        {
            _session = new InferenceSession(path);
        }
        catch (OnnxRuntimeException e)
        {
            throw new InvalidOperationException($"The {role} model {path} is not an ONNX model ONNX Runtime can load: {e.Message}", e);
        }

        var expected = $"a float input of shape [{string.Join(", ", inputShape.Select(d => d < 0 ? "?" : d.ToString(System.Globalization.CultureInfo.InvariantCulture)))}] and one float output of rank {outputRank}";
        if (_session.InputMetadata.Count != 1 || _session.OutputMetadata.Count < 1)
        {
            _session.Dispose();
            throw new InvalidOperationException($"The {role} model {path} has {_session.InputMetadata.Count} inputs and {_session.OutputMetadata.Count} outputs; expected {expected}.");
        }

        var (inputName, input) = _session.InputMetadata.First();
        var (outputName, output) = _session.OutputMetadata.First();
        if (input.ElementType != typeof(float) || input.Dimensions.Length != inputShape.Length
            || input.Dimensions.Where((d, i) => inputShape[i] >= 0 && d >= 0 && d != inputShape[i]).Any()
            || output.ElementType != typeof(float) || output.Dimensions.Length != outputRank)
        {
            var actual = $"input '{inputName}' {input.ElementType.Name}[{string.Join(", ", input.Dimensions)}], output '{outputName}' {output.ElementType.Name}[{string.Join(", ", output.Dimensions)}]";
            _session.Dispose();
            throw new InvalidOperationException($"The {role} model {path} has {actual}; expected {expected}.");
        }

        _input = inputName;
        _output = outputName;
        OutputDimensions = output.Dimensions;
    }

    /// <summary>The output's declared dimensions (-1 where dynamic).</summary>
    public int[] OutputDimensions { get; }

    /// <summary>Runs the model on an NCHW tensor.</summary>
    /// <returns>The output values and dimensions.</returns>
    public (float[] Values, int[] Dimensions) Run(DenseTensor<float> input)
    {
        using var results = _session.Run([NamedOnnxValue.CreateFromTensor(_input, input)], [_output]);
        var tensor = results[0].AsTensor<float>();
        return (tensor.ToArray(), tensor.Dimensions.ToArray());
    }

    public void Dispose() => _session.Dispose();
}
