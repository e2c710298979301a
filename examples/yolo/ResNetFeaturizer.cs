using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using LabelStudio.ML.Examples.Vision;
using OpenCvSharp;

namespace Yolo;

/// <summary>
/// 512 ImageNet features per image from ResNet18 as the NuGet package Microsoft.ML.DnnImageFeaturizer.ResNet18 ships it
/// (the CNTK export up to the global pooling layer, plus its preprocessing graph that reorders the planes to BGR and
/// subtracts the mean image). The offline image representation that Choices and TimelineLabels heads are trained on.
/// Loaded once per process; thread-safe.
/// </summary>
public sealed class ResNetFeaturizer : IDisposable
{
    /// <summary>The side of the square image the network takes.</summary>
    public const int Side = 224;

    private readonly InferenceSession _preprocess;
    private readonly InferenceSession _network;

    private ResNetFeaturizer(InferenceSession preprocess, InferenceSession network)
    {
        _preprocess = preprocess;
        _network = network;
    }

    /// <summary>The length of a feature vector.</summary>
    public int Dimension => 512;

    /// <summary>Loads the two graphs from <c>Models/</c> beside the application.</summary>
    /// <returns>The featurizer.</returns>
    /// <exception cref="InvalidOperationException">The files are missing (the package was not restored).</exception>
    public static ResNetFeaturizer Load()
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "Models");
        var network = Path.Combine(folder, "ResNet18.onnx");
        var preprocess = Path.Combine(folder, "ResNetPreprocess.onnx");
        if (!File.Exists(network) || !File.Exists(preprocess))
        {
            throw new InvalidOperationException(
                $"{network} or {preprocess} is missing: they are copied from the NuGet package Microsoft.ML.DnnImageFeaturizer.ResNet18 at build time.");
        }

        using var options = new Microsoft.ML.OnnxRuntime.SessionOptions { InterOpNumThreads = 1 };
        return new ResNetFeaturizer(new InferenceSession(preprocess, options), new InferenceSession(network, options));
    }

    /// <summary>The features of <paramref name="bgr"/>, resized to 224 × 224 as ML.NET's featurizer does, L2-normalized.</summary>
    /// <returns>512 floats.</returns>
    public float[] Features(Mat bgr)
    {
        ArgumentNullException.ThrowIfNull(bgr);
        using var resized = bgr.Resize(new Size(Side, Side), 0, 0, InterpolationFlags.Linear);
        // The preprocessing graph takes RGB planes of 0–255 values, [3, 224, 224].
        var image = ImageTensor.FromBgr(resized, rgb: true, scale: 1);
        var (prepName, prepInput) = _preprocess.InputMetadata.First();
        var planes = prepInput.Dimensions.Length == 3 ? new DenseTensor<float>(image.Buffer, [3, Side, Side]) : image;
        using var prepared = _preprocess.Run([NamedOnnxValue.CreateFromTensor(prepName, planes)]);
        var input = prepared.First().AsTensor<float>();
        var networkInput = new DenseTensor<float>(input.ToArray(), [1, 3, Side, Side]);
        using var output = _network.Run([NamedOnnxValue.CreateFromTensor(_network.InputMetadata.Keys.First(), networkInput)]);
        var features = output.First().AsTensor<float>().ToArray();
        var norm = MathF.Sqrt(features.Sum(v => v * v));
        return norm > 0 ? [.. features.Select(v => v / norm)] : features;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _preprocess.Dispose();
        _network.Dispose();
    }
}
