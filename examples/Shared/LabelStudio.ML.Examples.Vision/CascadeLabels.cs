namespace LabelStudio.ML.Examples.Vision;

/// <summary>
/// The offline detector of a labeling control: for each label, the OpenCV cascade its words (its value, alias and
/// <c>predicted_values</c>) name — a label "Face" is found with the face cascade, "Person" with the full-body one.
/// Labels that name nothing a cascade finds are not predicted offline.
/// </summary>
public static class CascadeLabels
{
    /// <summary>(label, cascade) pairs of <paramref name="control"/>, in label order.</summary>
    /// <returns>The pairs; empty when no label names a cascade.</returns>
    public static IReadOnlyList<(string Label, string Cascade)> For(ControlTag control)
    {
        ArgumentNullException.ThrowIfNull(control);
        var pairs = new List<(string, string)>();
        foreach (var (label, tag) in control.LabelTags)
        {
            var words = string.Join(", ", new[] { label, tag.Attributes.GetValueOrDefault("value") ?? "" }.Concat(tag.PredictedValues));
            if (CascadeCatalog.Match(words).FirstOrDefault() is { Cascade: { } cascade })
            {
                pairs.Add((label, cascade));
            }
        }

        return pairs;
    }

    /// <summary>Runs the cascades of <paramref name="control"/> on <paramref name="image"/>; detections are labeled with the control's labels.</summary>
    /// <returns>The detections, strongest first.</returns>
    public static IReadOnlyList<Detection> Detect(CascadeDetector detector, ControlTag control, OpenCvSharp.Mat image, double minScore)
    {
        ArgumentNullException.ThrowIfNull(detector);
        var found = new List<Detection>();
        foreach (var (label, cascade) in For(control))
        {
            found.AddRange(detector.Detect(image, cascade, label, minScore));
        }

        found.Sort((a, b) => b.Score.CompareTo(a.Score));
        return found;
    }
}
