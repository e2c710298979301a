using System.Globalization;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace LabelStudio.ML.Examples.Vision;

/// <summary>
/// A user-supplied ONNX model that takes one image tensor (<c>[batch, 3, height, width]</c>): the session, its input
/// and outputs as declared, and the exporter's metadata (Ultralytics writes <c>names</c>, <c>task</c>, <c>imgsz</c>,
/// <c>kpt_shape</c> there). Loading checks the input, so a model of the wrong kind fails with a message that names
/// the file and the signature it should have, not with an ONNX Runtime error on the first request.
/// </summary>
public sealed class OnnxImageModel : IDisposable
{
    private readonly InferenceSession _session;

    private OnnxImageModel(string path, InferenceSession session)
    {
        Path = path;
        _session = session;
        var input = session.InputMetadata.First();
        InputName = input.Key;
        InputDimensions = input.Value.Dimensions;
        Outputs = session.OutputMetadata.ToDictionary(output => output.Key, output => output.Value.Dimensions, StringComparer.Ordinal);
        OutputNames = [.. session.OutputMetadata.Keys];
        Metadata = session.ModelMetadata.CustomMetadataMap.ToDictionary(StringComparer.Ordinal);
    }

    /// <summary>The model file.</summary>
    public string Path { get; }

    /// <summary>The image input's name (<c>images</c> in Ultralytics exports, <c>input</c> in mmdeploy's).</summary>
    public string InputName { get; }

    /// <summary>The image input's declared dimensions; -1 where the model accepts any size.</summary>
    public IReadOnlyList<int> InputDimensions { get; }

    /// <summary>The outputs' declared dimensions by name (-1 for dynamic ones).</summary>
    public IReadOnlyDictionary<string, int[]> Outputs { get; }

    /// <summary>The output names in the model's order.</summary>
    public IReadOnlyList<string> OutputNames { get; }

    /// <summary>The model's metadata properties (<c>metadata_props</c>).</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>
    /// Loads <paramref name="path"/> and checks that its first input is an image tensor <c>[batch, 3, height, width]</c>
    /// of floats.
    /// </summary>
    /// <returns>The loaded model; the caller disposes it.</returns>
    /// <exception cref="InvalidDataException">The file is missing, is no ONNX model, or its input is not an image tensor.</exception>
    public static OnnxImageModel Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
        {
            throw new InvalidDataException($"The ONNX model {path} does not exist.");
        }

        InferenceSession session;
        try
        {
            using var options = new SessionOptions { InterOpNumThreads = 1 };
            session = new InferenceSession(path, options);
        }
        catch (OnnxRuntimeException error)
        {
            throw new InvalidDataException($"The file {path} is not an ONNX model ONNX Runtime can load: {error.Message}", error);
        }

        var model = new OnnxImageModel(path, session);
        var input = session.InputMetadata[model.InputName];
        if (session.InputMetadata.Count != 1 || input.ElementType != typeof(float) || input.Dimensions.Length != 4 || input.Dimensions[1] is not (3 or -1))
        {
            var declared = string.Join(", ", session.InputMetadata.Select(pair => $"{pair.Key} {FormatShape(pair.Value.Dimensions)} {pair.Value.ElementType.Name}"));
            model.Dispose();
            throw new InvalidDataException(
                $"The ONNX model {path} takes {declared}; an image model must take one float tensor [batch, 3, height, width].");
        }

        return model;
    }

    /// <summary>
    /// The input size the model expects: its static height and width, else the <c>imgsz</c> metadata
    /// (<c>[640, 640]</c>), else <paramref name="fallback"/>.
    /// </summary>
    /// <returns>(width, height) in pixels.</returns>
    public (int Width, int Height) InputSize(int fallback = 640)
    {
        if (InputDimensions[2] > 0 && InputDimensions[3] > 0)
        {
            return (InputDimensions[3], InputDimensions[2]);
        }

        if (Metadata.TryGetValue("imgsz", out var text))
        {
            var numbers = ParseIntegers(text);
            if (numbers.Count == 2)
            {
                return (numbers[1], numbers[0]);
            }
        }

        return (fallback, fallback);
    }

    /// <summary>Runs the model on one image tensor and returns every output.</summary>
    /// <returns>The outputs by name.</returns>
    public IReadOnlyDictionary<string, OnnxOutput> Run(DenseTensor<float> input)
    {
        ArgumentNullException.ThrowIfNull(input);
        using var results = _session.Run([NamedOnnxValue.CreateFromTensor(InputName, input)]);
        var outputs = new Dictionary<string, OnnxOutput>(StringComparer.Ordinal);
        foreach (var result in results)
        {
            outputs[result.Name] = result.Value switch
            {
                Tensor<float> floats => new OnnxOutput(floats.ToArray(), floats.Dimensions.ToArray()),
                Tensor<long> longs => new OnnxOutput([.. longs.ToArray().Select(value => (float)value)], longs.Dimensions.ToArray()),
                Tensor<int> ints => new OnnxOutput([.. ints.ToArray().Select(value => (float)value)], ints.Dimensions.ToArray()),
                _ => throw new InvalidDataException($"The ONNX model {Path} has an output '{result.Name}' of a type other than float or integer."),
            };
        }

        return outputs;
    }

    /// <summary>Writes dimensions as <c>[1, 84, 8400]</c>, with <c>?</c> for dynamic ones.</summary>
    /// <returns>The text.</returns>
    public static string FormatShape(IEnumerable<int> dimensions) =>
        "[" + string.Join(", ", dimensions.Select(d => d < 0 ? "?" : d.ToString(CultureInfo.InvariantCulture))) + "]";

    /// <summary>The whole numbers in a text such as <c>[17, 3]</c> or <c>(640, 640)</c>.</summary>
    /// <returns>The numbers, in order.</returns>
    public static IReadOnlyList<int> ParseIntegers(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return [.. text.Split([',', '[', ']', '(', ')', ' '], StringSplitOptions.RemoveEmptyEntries)
            .Select(part => int.TryParse(part, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? (int?)value : null)
            .OfType<int>()];
    }

    /// <inheritdoc />
    public void Dispose() => _session.Dispose();
}
