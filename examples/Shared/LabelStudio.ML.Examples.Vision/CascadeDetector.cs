using System.Collections.Concurrent;
using OpenCvSharp;

namespace LabelStudio.ML.Examples.Vision;

/// <summary>
/// Detects objects with OpenCV's cascades (see <see cref="CascadeCatalog"/>). Each cascade file is loaded once per
/// process; detection on one cascade is serialized because OpenCV's classifier keeps per-call buffers.
/// </summary>
public sealed class CascadeDetector(VisionOptions options) : IDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<CascadeClassifier>> _classifiers = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Finds the objects of cascade <paramref name="cascade"/> in <paramref name="image"/>, labeled
    /// <paramref name="label"/>. The score is the logistic of the cascade's final stage weight, so stronger
    /// detections score higher; detections below <paramref name="minScore"/> are dropped.
    /// </summary>
    /// <returns>The detections, strongest first.</returns>
    /// <exception cref="InvalidOperationException">The cascade is unknown or its file is missing (opencv-data not installed).</exception>
    public IReadOnlyList<Detection> Detect(Mat image, string cascade, string label, double minScore = 0)
    {
        ArgumentNullException.ThrowIfNull(image);
        var classifier = Classifier(cascade);
        using var gray = image.Channels() == 1 ? image.Clone() : image.CvtColor(ColorConversionCodes.BGR2GRAY);
        Cv2.EqualizeHist(gray, gray);
        // Objects smaller than 2.5% of the shorter side are noise for labeling purposes.
        var minSide = Math.Max(16, Math.Min(image.Width, image.Height) / 40);
        Rect[] boxes;
        double[] weights;
        lock (classifier)
        {
            boxes = classifier.DetectMultiScale(
                gray, out _, out weights, scaleFactor: 1.1, minNeighbors: 5, flags: HaarDetectionTypes.ScaleImage,
                minSize: new Size(minSide, minSide), outputRejectLevels: true);
        }

        var detections = new List<Detection>(boxes.Length);
        for (var i = 0; i < boxes.Length; i++)
        {
            var score = 1 / (1 + Math.Exp(-(i < weights.Length ? weights[i] : 0)));
            if (score >= minScore)
            {
                detections.Add(new Detection(boxes[i], label, score));
            }
        }

        detections.Sort((a, b) => b.Score.CompareTo(a.Score));
        return detections;
    }

    private CascadeClassifier Classifier(string cascade)
    {
        if (!CascadeCatalog.Files.TryGetValue(cascade, out var file))
        {
            throw new InvalidOperationException($"There is no cascade named \"{cascade}\"; known: {string.Join(", ", CascadeCatalog.Files.Keys)}.");
        }

        return _classifiers.GetOrAdd(cascade, _ => new Lazy<CascadeClassifier>(() => Load(Path.Combine(options.CascadesDirectory, file)))).Value;
    }

    private static CascadeClassifier Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new InvalidOperationException(
                $"The OpenCV cascade {path} is missing: install Debian's opencv-data package (apt-get install opencv-data) or set OPENCV_CASCADES_DIR.");
        }

        var classifier = new CascadeClassifier();
        if (!classifier.Load(path))
        {
            classifier.Dispose();
            throw new InvalidOperationException($"The OpenCV cascade {path} could not be loaded.");
        }

        return classifier;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var classifier in _classifiers.Values.Where(c => c.IsValueCreated))
        {
            classifier.Value.Dispose();
        }
    }
}
