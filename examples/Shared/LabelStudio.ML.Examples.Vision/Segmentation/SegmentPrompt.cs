using OpenCvSharp;

namespace LabelStudio.ML.Examples.Vision;

/// <summary>
/// What a labeler showed a promptable segmenter, in pixels of the image: points on the object (positive), points off
/// it (negative, Alt-click in Label Studio), and at most one box around it.
/// </summary>
public sealed record SegmentPrompt(IReadOnlyList<Point> Positive, IReadOnlyList<Point> Negative, Rect? Box)
{
    /// <summary>A prompt that is only a box (how grounding_sam asks for the object of each detection).</summary>
    /// <returns>The prompt.</returns>
    public static SegmentPrompt ForBox(Rect box) => new([], [], box);

    /// <summary>Whether there is anything to segment from: a box or a positive point.</summary>
    public bool IsEmpty => Box is null && Positive.Count == 0;
}
