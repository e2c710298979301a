using OpenCvSharp;

namespace LabelStudio.ML.Examples.Vision;

/// <summary>
/// A user's object detector exported to ONNX, in either of the two layouts exporters write: Ultralytics YOLO
/// (<c>output0 [1, 4 + classes, anchors]</c>, letterboxed input scaled to 0–1) or mmdeploy's end-to-end detectors
/// (<c>dets [1, N, 5]</c> as x1, y1, x2, y2, score and <c>labels [1, N]</c>; input resized keeping its aspect ratio,
/// padded at the bottom and right, normalized with mmdetection's ImageNet mean and standard deviation).
/// </summary>
public sealed class OnnxDetector : IDisposable
{
    /// <summary>mmdetection's default RGB mean (ImageNet, 0–255 scale).</summary>
    public static readonly float[] MmdetMean = [123.675f, 116.28f, 103.53f];

    /// <summary>mmdetection's default RGB standard deviation (ImageNet, 0–255 scale).</summary>
    public static readonly float[] MmdetStd = [58.395f, 57.12f, 57.375f];

    private readonly YoloOnnxModel? _yolo;
    private readonly OnnxImageModel? _mmdeploy;
    private readonly (int Width, int Height) _mmdeploySize;

    private OnnxDetector(YoloOnnxModel? yolo, OnnxImageModel? mmdeploy, IReadOnlyList<string> names, (int, int) mmdeploySize)
    {
        _yolo = yolo;
        _mmdeploy = mmdeploy;
        Names = names;
        _mmdeploySize = mmdeploySize;
    }

    /// <summary>The class names by index.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>Which layout the model has: <c>yolo</c> or <c>mmdeploy</c>.</summary>
    public string Layout => _yolo is null ? "mmdeploy" : "yolo";

    /// <summary>The signatures this runner accepts, for messages.</summary>
    public static string Signatures =>
        $"either {YoloOnnxModel.Signature(YoloTask.Detect)}, or mmdeploy's input [1, 3, H, W] → dets [1, N, 5] (x1, y1, x2, y2, score) and labels [1, N]";

    /// <summary>
    /// Loads the detector at <paramref name="path"/>; class names as for <see cref="ClassNames.For"/>. A model with
    /// a dynamic input size is fed images fitted into <paramref name="defaultSize"/> (mmdeploy layout).
    /// </summary>
    /// <returns>The detector; the caller disposes it.</returns>
    /// <exception cref="InvalidDataException">The model has neither layout, or names no classes.</exception>
    public static OnnxDetector Load(string path, string? namesFile = null, (int Width, int Height)? defaultSize = null)
    {
        var onnx = OnnxImageModel.Load(path);
        if (onnx.Outputs.TryGetValue("dets", out var dets) && onnx.Outputs.TryGetValue("labels", out var labels))
        {
            try
            {
                if (dets.Length is not (2 or 3) || dets[^1] is not (5 or -1) || labels.Length != dets.Length - 1)
                {
                    throw new InvalidDataException(
                        $"The ONNX model {path} has dets {OnnxImageModel.FormatShape(dets)} and labels {OnnxImageModel.FormatShape(labels)}; expected {Signatures}.");
                }

                var names = ClassNames.For(onnx, namesFile);
                var size = defaultSize ?? (1333, 800);
                return new OnnxDetector(null, onnx, names, onnx.InputDimensions[2] > 0 && onnx.InputDimensions[3] > 0 ? (onnx.InputDimensions[3], onnx.InputDimensions[2]) : size);
            }
            catch
            {
                onnx.Dispose();
                throw;
            }
        }

        onnx.Dispose();
        YoloOnnxModel yolo;
        try
        {
            yolo = YoloOnnxModel.Load(path, namesFile);
        }
        catch (InvalidDataException error)
        {
            throw new InvalidDataException($"{error.Message} A detector needs {Signatures}.", error);
        }

        try
        {
            yolo.Require(YoloTask.Detect, "a detector");
        }
        catch
        {
            yolo.Dispose();
            throw;
        }

        return new OnnxDetector(yolo, null, yolo.Names, (0, 0));
    }

    /// <summary>The objects in <paramref name="bgr"/> scoring at least <paramref name="minScore"/>, labeled with class names, strongest first.</summary>
    /// <returns>The detections in original pixels.</returns>
    public IReadOnlyList<Detection> Detect(Mat bgr, double minScore)
    {
        ArgumentNullException.ThrowIfNull(bgr);
        if (_yolo is not null)
        {
            return [.. _yolo.Detect(bgr, (float)minScore).Select(o => new Detection(ToRect(o.X1, o.Y1, o.X2, o.Y2), o.ClassName, o.Score))];
        }

        var model = _mmdeploy!;
        var (padded, transform) = Letterbox.Apply(bgr, _mmdeploySize.Width, _mmdeploySize.Height, centred: false, fill: Scalar.All(0));
        IReadOnlyDictionary<string, OnnxOutput> outputs;
        using (padded)
        {
            outputs = model.Run(ImageTensor.FromBgr(padded, rgb: true, scale: 1, MmdetMean, MmdetStd));
        }

        var dets = outputs["dets"].Values;
        var labels = outputs["labels"].Values;
        if (dets.Length != labels.Length * 5)
        {
            throw new InvalidDataException($"The ONNX model {model.Path} gave dets {outputs["dets"].Shape} and labels {outputs["labels"].Shape}, which do not pair up; expected {Signatures}.");
        }

        var detections = new List<Detection>();
        for (var i = 0; i < labels.Length; i++)
        {
            var score = dets[(i * 5) + 4];
            var label = (int)labels[i];
            if (score < minScore || label < 0 || label >= Names.Count)
            {
                continue;
            }

            double X(float x) => Math.Clamp(transform.ToOriginalX(x), 0, bgr.Width);
            double Y(float y) => Math.Clamp(transform.ToOriginalY(y), 0, bgr.Height);
            detections.Add(new Detection(ToRect(X(dets[i * 5]), Y(dets[(i * 5) + 1]), X(dets[(i * 5) + 2]), Y(dets[(i * 5) + 3])), Names[label], score));
        }

        detections.Sort((a, b) => b.Score.CompareTo(a.Score));
        return detections;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _yolo?.Dispose();
        _mmdeploy?.Dispose();
    }

    private static Rect ToRect(double x1, double y1, double x2, double y2)
    {
        var (left, top) = ((int)Math.Round(x1), (int)Math.Round(y1));
        return new Rect(left, top, Math.Max(0, (int)Math.Round(x2) - left), Math.Max(0, (int)Math.Round(y2) - top));
    }
}
