namespace LabelStudio.ML.Examples.Vision;

/// <summary>
/// The offline grounded detector: the prompt's words choose OpenCV cascades (<see cref="CascadeCatalog.Match"/>:
/// "face", "eye", "person", "upper body", "cat", "licence plate", …) and each finds its objects, labeled with the
/// prompt part that chose it. Parts naming nothing a cascade knows find nothing.
/// </summary>
public sealed class CascadeGroundedDetector(CascadeDetector cascades) : IGroundedDetector
{
    /// <inheritdoc />
    public string Name => "opencv-cascades";

    /// <inheritdoc />
    public IReadOnlyList<Detection> Detect(TaskImage image, string prompt, GroundingThresholds thresholds)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(thresholds);
        var found = new List<Detection>();
        foreach (var (phrase, cascade) in CascadeCatalog.Match(prompt))
        {
            found.AddRange(cascades.Detect(image.Pixels, cascade, phrase, thresholds.Box));
        }

        found.Sort((a, b) => b.Score.CompareTo(a.Score));
        return found;
    }
}
