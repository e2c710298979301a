namespace TimeseriesSegmenter;

/// <summary>A predicted segment: inclusive row range, label, and the mean probability of the label over its rows.</summary>
internal sealed record PredictedSegment(int FirstRow, int LastRow, string Label, double Score);

/// <summary>
/// Turns per-row class probabilities into segments: probabilities are averaged over a centred window of
/// <c>SMOOTHING</c> rows (so single-row flicker does not split a segment), each row takes its most probable class, and
/// runs of the same class other than <see cref="SegmenterTrainer.Background"/> become segments, as the original groups them.
/// </summary>
internal static class SegmentDecoder
{
    public static List<PredictedSegment> Decode(float[][] probabilities, IReadOnlyList<string> classes, int smoothing)
    {
        var rows = probabilities.Length;
        var half = Math.Max(0, smoothing / 2);
        var smoothed = new double[rows][];
        for (var row = 0; row < rows; row++)
        {
            var first = Math.Max(0, row - half);
            var last = Math.Min(rows - 1, row + half);
            smoothed[row] = new double[classes.Count];
            for (var i = first; i <= last; i++)
            {
                for (var c = 0; c < classes.Count; c++)
                {
                    smoothed[row][c] += probabilities[i][c] / (last - first + 1);
                }
            }
        }

        var best = smoothed.Select(p => Array.IndexOf(p, p.Max())).ToArray();
        var segments = new List<PredictedSegment>();
        for (var start = 0; start < rows;)
        {
            var end = start;
            while (end + 1 < rows && best[end + 1] == best[start])
            {
                end++;
            }

            var label = classes[best[start]];
            if (label != SegmenterTrainer.Background)
            {
                var score = Enumerable.Range(start, end - start + 1).Average(row => (double)probabilities[row][best[start]]);
                segments.Add(new PredictedSegment(start, end, label, Math.Round(score, 4)));
            }

            start = end + 1;
        }

        return segments;
    }
}
