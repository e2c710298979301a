using OpenCvSharp;

namespace LabelStudio.ML.Examples.Vision;

/// <summary>
/// An Ultralytics YOLOv8/11 model exported to ONNX (<c>yolo export format=onnx</c>): detection, segmentation, pose,
/// oriented boxes or classification, told apart by the metadata <c>task</c> (or, without it, by the outputs). Input
/// images are letterboxed to the model's size; boxes go through confidence filtering and class-wise NMS; masks are
/// the sigmoid of the mask coefficients times the prototypes, cropped to their box; everything comes back in pixels
/// of the original image. Thread-safe (ONNX Runtime sessions are).
/// </summary>
public sealed class YoloOnnxModel : IDisposable
{
    private readonly int _rows;

    private YoloOnnxModel(OnnxImageModel onnx, YoloTask task, IReadOnlyList<string> names, int maskChannels, int keypoints, int keypointValues, int rows)
    {
        Onnx = onnx;
        Task = task;
        Names = names;
        MaskChannels = maskChannels;
        KeypointCount = keypoints;
        KeypointValues = keypointValues;
        _rows = rows;
    }

    /// <summary>The ONNX model.</summary>
    public OnnxImageModel Onnx { get; }

    /// <summary>What the model does.</summary>
    public YoloTask Task { get; }

    /// <summary>The class names by index.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>Mask coefficients per box (segment models; 0 otherwise).</summary>
    public int MaskChannels { get; }

    /// <summary>Keypoints per box (pose models; 0 otherwise).</summary>
    public int KeypointCount { get; }

    /// <summary>Values per keypoint: 2 (x, y) or 3 (x, y, visibility).</summary>
    public int KeypointValues { get; }

    /// <summary>
    /// Loads a YOLO ONNX export and checks its outputs against its task; the class names come from
    /// <paramref name="namesFile"/>, the metadata or a names file beside the model (see <see cref="ClassNames.For"/>).
    /// </summary>
    /// <returns>The model; the caller disposes it.</returns>
    /// <exception cref="InvalidDataException">The file is no ONNX image model, names no classes, or its outputs fit no YOLO task.</exception>
    public static YoloOnnxModel Load(string path, string? namesFile = null)
    {
        var onnx = OnnxImageModel.Load(path);
        try
        {
            var names = ClassNames.For(onnx, namesFile);
            var task = TaskOf(onnx);
            var output = onnx.Outputs[onnx.OutputNames[0]];
            var (keypoints, values) = task == YoloTask.Pose ? KeypointShape(onnx) : (0, 0);
            var maskChannels = task == YoloTask.Segment ? ProtoDimensions(onnx)[1] : 0;
            var rows = task switch
            {
                YoloTask.Classify => names.Count,
                YoloTask.Detect => 4 + names.Count,
                YoloTask.Segment => 4 + names.Count + maskChannels,
                YoloTask.Pose => 4 + names.Count + (keypoints * values),
                _ => 4 + names.Count + 1,
            };
            var fits = task == YoloTask.Classify
                ? output.Length == 2 && output[1] is -1 || (output.Length == 2 && output[1] == rows)
                : output.Length == 3 && (output[1] == rows || output[2] == rows || (output[1] < 0 && output[2] < 0));
            if (!fits || (task == YoloTask.Segment && maskChannels <= 0))
            {
                throw Mismatch(onnx, task, names.Count, $"output '{onnx.OutputNames[0]}' is {OnnxImageModel.FormatShape(output)}");
            }

            return new YoloOnnxModel(onnx, task, names, maskChannels, keypoints, values, rows);
        }
        catch
        {
            onnx.Dispose();
            throw;
        }
    }

    /// <summary>The outputs a model of <paramref name="task"/> has, for messages.</summary>
    /// <returns>A description of the signature.</returns>
    public static string Signature(YoloTask task, int classes = -1)
    {
        var nc = classes > 0 ? classes.ToString(System.Globalization.CultureInfo.InvariantCulture) : "classes";
        return task switch
        {
            YoloTask.Detect => $"images [1, 3, H, W] → output0 [1, 4 + {nc}, anchors] (metadata task=detect)",
            YoloTask.Segment => $"images [1, 3, H, W] → output0 [1, 4 + {nc} + 32, anchors] and output1 [1, 32, H/4, W/4] (metadata task=segment)",
            YoloTask.Pose => $"images [1, 3, H, W] → output0 [1, 4 + {nc} + 17 × 3, anchors] (metadata task=pose, kpt_shape=[17, 3])",
            YoloTask.Obb => $"images [1, 3, H, W] → output0 [1, 4 + {nc} + 1, anchors], the angle in radians last (metadata task=obb)",
            _ => $"images [1, 3, H, W] → output0 [1, {nc}] (metadata task=classify)",
        };
    }

    /// <summary>Checks that the model does <paramref name="task"/>, which <paramref name="usedBy"/> (a control) needs.</summary>
    /// <exception cref="InvalidDataException">It does something else; the message names the file and both signatures.</exception>
    public void Require(YoloTask task, string usedBy)
    {
        if (Task != task)
        {
            throw new InvalidDataException(
                $"The ONNX model {Onnx.Path} is a YOLO '{Name(Task)}' model, but {usedBy} needs a '{Name(task)}' model: {Signature(task)}.");
        }
    }

    /// <summary>
    /// Finds the objects in <paramref name="bgr"/> scoring at least <paramref name="confidence"/>, after NMS at
    /// <paramref name="iou"/>, strongest first (detect, segment, pose and obb models).
    /// </summary>
    /// <returns>The objects in original pixels.</returns>
    public IReadOnlyList<YoloObject> Detect(Mat bgr, float confidence, float iou = 0.7f, int maxDetections = 300)
    {
        ArgumentNullException.ThrowIfNull(bgr);
        if (Task == YoloTask.Classify)
        {
            throw new InvalidOperationException($"{Onnx.Path} is a classification model; it finds no objects.");
        }

        var (width, height) = Onnx.InputSize();
        var (padded, transform) = Letterbox.Apply(bgr, width, height);
        IReadOnlyDictionary<string, OnnxOutput> outputs;
        using (padded)
        {
            outputs = Onnx.Run(ImageTensor.FromBgr(padded));
        }

        var output = outputs[Onnx.OutputNames[0]];
        var view = AnchorView.Of(output, _rows, Onnx.Path);
        var nc = Names.Count;
        var boxes = new List<(float, float, float, float)>();
        var scores = new List<float>();
        var classes = new List<int>();
        var anchors = new List<int>();
        for (var j = 0; j < view.Anchors; j++)
        {
            var best = 0;
            for (var c = 1; c < nc; c++)
            {
                if (view[4 + c, j] > view[4 + best, j])
                {
                    best = c;
                }
            }

            var score = view[4 + best, j];
            if (score < confidence)
            {
                continue;
            }

            var (cx, cy, w, h) = (view[0, j], view[1, j], view[2, j], view[3, j]);
            boxes.Add((cx - (w / 2), cy - (h / 2), cx + (w / 2), cy + (h / 2)));
            scores.Add(score);
            classes.Add(best);
            anchors.Add(j);
        }

        Func<int, int, double>? overlap = Task == YoloTask.Obb ? (a, b) => RotatedIou(Rotated(view, anchors[a], nc), Rotated(view, anchors[b], nc)) : null;
        var kept = BoxNms.Keep(boxes, scores, classes, iou, maxDetections, overlap);
        var objects = new List<YoloObject>(kept.Count);
        foreach (var k in kept)
        {
            objects.Add(ToObject(view, anchors[k], classes[k], scores[k], boxes[k], transform, bgr, outputs));
        }

        return objects;
    }

    /// <summary>The probability of every class for <paramref name="bgr"/> (classify models).</summary>
    /// <returns>One probability per class, in <see cref="Names"/> order.</returns>
    public float[] Classify(Mat bgr)
    {
        ArgumentNullException.ThrowIfNull(bgr);
        if (Task != YoloTask.Classify)
        {
            throw new InvalidOperationException($"{Onnx.Path} is a '{Name(Task)}' model, not a classifier.");
        }

        var (width, height) = Onnx.InputSize(224);
        // Ultralytics' classify transform: the shorter side resized to the input size, then the centre cropped.
        var scale = Math.Max((double)width / bgr.Width, (double)height / bgr.Height);
        using var resized = bgr.Resize(new Size(Math.Max(width, (int)Math.Round(bgr.Width * scale)), Math.Max(height, (int)Math.Round(bgr.Height * scale))), 0, 0, InterpolationFlags.Linear);
        using var cropped = new Mat(resized, new Rect((resized.Width - width) / 2, (resized.Height - height) / 2, width, height));
        var output = Onnx.Run(ImageTensor.FromBgr(cropped))[Onnx.OutputNames[0]];
        if (output.Values.Length != Names.Count)
        {
            throw Mismatch(Onnx, Task, Names.Count, $"output '{Onnx.OutputNames[0]}' came out as {output.Shape}");
        }

        var values = output.Values;
        var sum = values.Sum();
        if (values.All(v => v >= 0) && Math.Abs(sum - 1) < 1e-3)
        {
            return values;
        }

        // Logits: exports without the final softmax.
        var max = values.Max();
        var exps = values.Select(v => Math.Exp(v - max)).ToArray();
        var total = exps.Sum();
        return [.. exps.Select(e => (float)(e / total))];
    }

    /// <summary>The name of a task as Ultralytics writes it.</summary>
    /// <returns><c>detect</c>, <c>segment</c>, <c>pose</c>, <c>obb</c> or <c>classify</c>.</returns>
    public static string Name(YoloTask task) => task.ToString().ToLowerInvariant();

    /// <inheritdoc />
    public void Dispose() => Onnx.Dispose();

    private YoloObject ToObject(
        AnchorView view, int anchor, int classId, float score, (float X1, float Y1, float X2, float Y2) box, LetterboxTransform t, Mat image, IReadOnlyDictionary<string, OnnxOutput> outputs)
    {
        double ClampX(double x) => Math.Clamp(t.ToOriginalX(x), 0, image.Width);
        double ClampY(double y) => Math.Clamp(t.ToOriginalY(y), 0, image.Height);
        var result = new YoloObject(classId, Names[classId], score, ClampX(box.X1), ClampY(box.Y1), ClampX(box.X2), ClampY(box.Y2));
        var nc = Names.Count;
        switch (Task)
        {
            case YoloTask.Obb:
                var r = Rotated(view, anchor, nc);
                return result with
                {
                    Rotated = new RotatedBox(t.ToOriginalX(r.Center.X), t.ToOriginalY(r.Center.Y), r.Size.Width / t.Scale, r.Size.Height / t.Scale, r.Angle),
                };
            case YoloTask.Pose:
                var points = new YoloKeypoint[KeypointCount];
                for (var k = 0; k < KeypointCount; k++)
                {
                    var row = 4 + nc + (k * KeypointValues);
                    points[k] = new YoloKeypoint(
                        t.ToOriginalX(view[row, anchor]), t.ToOriginalY(view[row + 1, anchor]), KeypointValues > 2 ? view[row + 2, anchor] : 1f);
                }

                return result with { Keypoints = points };
            case YoloTask.Segment:
                return result with { Mask = Mask(view, anchor, result, t, image, outputs) };
            default:
                return result;
        }
    }

    private byte[] Mask(AnchorView view, int anchor, YoloObject box, LetterboxTransform t, Mat image, IReadOnlyDictionary<string, OnnxOutput> outputs)
    {
        var protos = outputs.Values.FirstOrDefault(output => output.Dimensions.Length == 4)
            ?? throw Mismatch(Onnx, Task, Names.Count, "no 4-dimensional mask prototype output came out");
        var (channels, protoHeight, protoWidth) = (protos.Dimensions[1], protos.Dimensions[2], protos.Dimensions[3]);
        var plane = protoHeight * protoWidth;
        var logits = new float[plane];
        var first = 4 + Names.Count;
        for (var k = 0; k < channels; k++)
        {
            var coefficient = view[first + k, anchor];
            var offset = k * plane;
            for (var p = 0; p < plane; p++)
            {
                logits[p] += coefficient * protos.Values[offset + p];
            }
        }

        for (var p = 0; p < plane; p++)
        {
            logits[p] = 1f / (1f + MathF.Exp(-logits[p]));
        }

        // Prototypes cover the whole letterboxed input: upsample to it, cut the padding away, resize to the original.
        var (width, height) = Onnx.InputSize();
        using var probabilities = Mat.FromPixelData(protoHeight, protoWidth, MatType.CV_32FC1, logits);
        using var input = probabilities.Resize(new Size(width, height), 0, 0, InterpolationFlags.Linear);
        var content = new Rect((int)t.PadX, (int)t.PadY, t.ContentWidth, t.ContentHeight) & new Rect(0, 0, width, height);
        using var inside = new Mat(input, content);
        using var original = inside.Resize(new Size(image.Width, image.Height), 0, 0, InterpolationFlags.Linear);
        using var binary = original.Threshold(0.5, 255, ThresholdTypes.Binary);
        using var bytes = new Mat();
        binary.ConvertTo(bytes, MatType.CV_8UC1);
        var (imageWidth, imageHeight) = (image.Width, image.Height);
        var mask = new byte[imageWidth * imageHeight];
        bytes.GetArray(out byte[] data);
        // Ultralytics crops each mask to its box: prototypes bleed into neighbouring objects.
        var (left, top) = (Math.Max(0, (int)Math.Floor(box.X1)), Math.Max(0, (int)Math.Floor(box.Y1)));
        var (right, bottom) = (Math.Min(imageWidth, (int)Math.Ceiling(box.X2)), Math.Min(imageHeight, (int)Math.Ceiling(box.Y2)));
        for (var y = top; y < bottom; y++)
        {
            for (var x = left; x < right; x++)
            {
                mask[(y * imageWidth) + x] = data[(y * imageWidth) + x];
            }
        }

        return mask;
    }

    private static RotatedRect Rotated(AnchorView view, int anchor, int classes) =>
        new(new Point2f(view[0, anchor], view[1, anchor]), new Size2f(view[2, anchor], view[3, anchor]), (float)(view[4 + classes, anchor] * 180 / Math.PI));

    private static double RotatedIou(RotatedRect a, RotatedRect b)
    {
        var kind = Cv2.RotatedRectangleIntersection(a, b, out var region);
        if (kind == RectanglesIntersectTypes.None || region.Length < 3)
        {
            return 0;
        }

        var intersection = Cv2.ContourArea(Cv2.ConvexHull(region));
        var union = (a.Size.Width * a.Size.Height) + (b.Size.Width * b.Size.Height) - intersection;
        return union <= 0 ? 0 : intersection / union;
    }

    private static YoloTask TaskOf(OnnxImageModel onnx)
    {
        if (onnx.Metadata.TryGetValue("task", out var declared))
        {
            return declared.Trim().ToLowerInvariant() switch
            {
                "detect" => YoloTask.Detect,
                "segment" => YoloTask.Segment,
                "pose" => YoloTask.Pose,
                "obb" => YoloTask.Obb,
                "classify" => YoloTask.Classify,
                _ => throw new InvalidDataException($"The ONNX model {onnx.Path} declares the task '{declared}'; known YOLO tasks are detect, segment, pose, obb and classify."),
            };
        }

        var first = onnx.Outputs[onnx.OutputNames[0]];
        return first.Length == 2 ? YoloTask.Classify
            : onnx.Outputs.Values.Any(dimensions => dimensions.Length == 4) ? YoloTask.Segment
            : onnx.Metadata.ContainsKey("kpt_shape") ? YoloTask.Pose
            : YoloTask.Detect;
    }

    private static (int Count, int Values) KeypointShape(OnnxImageModel onnx)
    {
        var shape = onnx.Metadata.TryGetValue("kpt_shape", out var text) ? OnnxImageModel.ParseIntegers(text) : [17, 3];
        return shape.Count == 2 && shape[0] > 0 && shape[1] is 2 or 3
            ? (shape[0], shape[1])
            : throw new InvalidDataException($"The ONNX model {onnx.Path} has kpt_shape '{text}'; [keypoints, 2 or 3] was expected.");
    }

    private static int[] ProtoDimensions(OnnxImageModel onnx) =>
        onnx.Outputs.Values.FirstOrDefault(dimensions => dimensions.Length == 4)
        ?? throw new InvalidDataException(
            $"The ONNX model {onnx.Path} is declared a segment model but has no mask prototype output; expected {Signature(YoloTask.Segment)}.");

    private static InvalidDataException Mismatch(OnnxImageModel onnx, YoloTask task, int classes, string found) =>
        new($"The ONNX model {onnx.Path} does not have the signature of a YOLO '{Name(task)}' model with {classes} classes: {found}; " +
            $"expected {Signature(task, classes)}. Its outputs: " +
            string.Join(", ", onnx.Outputs.Select(pair => $"{pair.Key} {OnnxImageModel.FormatShape(pair.Value)}")) + ".");

    /// <summary>Reads output0 as [rows, anchors] whichever way round the export wrote it.</summary>
    private readonly struct AnchorView
    {
        private readonly float[] _values;
        private readonly bool _transposed;
        private readonly int _rows;

        private AnchorView(float[] values, int rows, int anchors, bool transposed)
        {
            _values = values;
            _rows = rows;
            Anchors = anchors;
            _transposed = transposed;
        }

        public int Anchors { get; }

        public float this[int row, int anchor] => _transposed ? _values[(anchor * _rows) + row] : _values[(row * Anchors) + anchor];

        public static AnchorView Of(OnnxOutput output, int rows, string path)
        {
            var d = output.Dimensions;
            if (d.Length == 3 && d[1] == rows)
            {
                return new AnchorView(output.Values, rows, d[2], transposed: false);
            }

            if (d.Length == 3 && d[2] == rows)
            {
                return new AnchorView(output.Values, rows, d[1], transposed: true);
            }

            throw new InvalidDataException($"The ONNX model {path} gave output0 {output.Shape}; [1, {rows}, anchors] was expected.");
        }
    }
}
