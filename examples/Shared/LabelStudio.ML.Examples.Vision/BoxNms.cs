namespace LabelStudio.ML.Examples.Vision;

/// <summary>
/// Non-maximum suppression: of boxes that overlap by more than an IoU threshold, only the highest-scoring one is kept.
/// Boxes of different classes never suppress each other (Ultralytics' default, <c>agnostic=False</c>).
/// </summary>
public static class BoxNms
{
    /// <summary>
    /// The indexes of the boxes to keep, best first, at most <paramref name="maxCount"/>. Boxes are
    /// <c>(x1, y1, x2, y2)</c>; <paramref name="overlap"/> replaces the axis-aligned IoU (for rotated boxes).
    /// </summary>
    /// <returns>The kept indexes.</returns>
    public static IReadOnlyList<int> Keep(
        IReadOnlyList<(float X1, float Y1, float X2, float Y2)> boxes,
        IReadOnlyList<float> scores,
        IReadOnlyList<int>? classes,
        float iouThreshold,
        int maxCount = 300,
        Func<int, int, double>? overlap = null)
    {
        ArgumentNullException.ThrowIfNull(boxes);
        ArgumentNullException.ThrowIfNull(scores);
        overlap ??= (a, b) => Iou(boxes[a], boxes[b]);
        var order = Enumerable.Range(0, boxes.Count).OrderByDescending(i => scores[i]).ToList();
        var kept = new List<int>();
        foreach (var candidate in order)
        {
            if (kept.Count >= maxCount)
            {
                break;
            }

            var suppressed = false;
            foreach (var winner in kept)
            {
                if ((classes is null || classes[winner] == classes[candidate]) && overlap(winner, candidate) > iouThreshold)
                {
                    suppressed = true;
                    break;
                }
            }

            if (!suppressed)
            {
                kept.Add(candidate);
            }
        }

        return kept;
    }

    /// <summary>Intersection over union of two <c>(x1, y1, x2, y2)</c> boxes.</summary>
    /// <returns>A value in [0, 1].</returns>
    public static double Iou((float X1, float Y1, float X2, float Y2) a, (float X1, float Y1, float X2, float Y2) b)
    {
        var width = Math.Min(a.X2, b.X2) - Math.Max(a.X1, b.X1);
        var height = Math.Min(a.Y2, b.Y2) - Math.Max(a.Y1, b.Y1);
        if (width <= 0 || height <= 0)
        {
            return 0;
        }

        var intersection = (double)width * height;
        var union = ((double)(a.X2 - a.X1) * (a.Y2 - a.Y1)) + ((double)(b.X2 - b.X1) * (b.Y2 - b.Y1)) - intersection;
        return union <= 0 ? 0 : intersection / union;
    }
}
