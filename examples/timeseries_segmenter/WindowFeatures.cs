namespace TimeseriesSegmenter;

/// <summary>
/// What the classifier sees of each row: for every channel, the value, its change from the previous row, and for
/// windows of three widths centred on the row (a quarter, a half and all of <c>WINDOW_SIZE</c> rows on each side) the
/// mean, standard deviation, minimum, maximum, slope and mean absolute change. Windows are cut at the series' ends.
/// </summary>
internal static class WindowFeatures
{
    private const int PerWindow = 6;

    /// <summary>The half-widths of the windows for <paramref name="window"/> rows on each side.</summary>
    public static int[] HalfWidths(int window) => [.. new[] { Math.Max(1, window / 4), Math.Max(1, window / 2), Math.Max(1, window) }.Distinct()];

    /// <summary>How many features a row gets.</summary>
    public static int Count(int channels, int window) => channels * (2 + PerWindow * HalfWidths(window).Length);

    /// <summary>The feature vector of each row of <paramref name="table"/>.</summary>
    public static float[][] Compute(SeriesTable table, int window)
    {
        var rows = table.Rows;
        var widths = HalfWidths(window);
        var count = Count(table.Channels.Count, window);
        var features = new float[rows][];
        for (var row = 0; row < rows; row++)
        {
            features[row] = new float[count];
        }

        var offset = 0;
        foreach (var x in table.Channels)
        {
            // Prefix sums make every window mean, variance and total change O(1).
            var sum = new double[rows + 1];
            var squares = new double[rows + 1];
            var changes = new double[rows + 1];
            for (var i = 0; i < rows; i++)
            {
                sum[i + 1] = sum[i] + x[i];
                squares[i + 1] = squares[i] + x[i] * x[i];
                changes[i + 1] = changes[i] + (i == 0 ? 0 : Math.Abs(x[i] - x[i - 1]));
            }

            for (var row = 0; row < rows; row++)
            {
                var f = features[row];
                f[offset] = (float)x[row];
                f[offset + 1] = (float)(row == 0 ? 0 : x[row] - x[row - 1]);
                var at = offset + 2;
                foreach (var h in widths)
                {
                    var first = Math.Max(0, row - h);
                    var last = Math.Min(rows - 1, row + h);
                    var n = last - first + 1;
                    var mean = (sum[last + 1] - sum[first]) / n;
                    var variance = Math.Max(0, (squares[last + 1] - squares[first]) / n - mean * mean);
                    double min = double.MaxValue, max = double.MinValue;
                    for (var i = first; i <= last; i++)
                    {
                        min = Math.Min(min, x[i]);
                        max = Math.Max(max, x[i]);
                    }

                    f[at++] = (float)mean;
                    f[at++] = (float)Math.Sqrt(variance);
                    f[at++] = (float)min;
                    f[at++] = (float)max;
                    f[at++] = (float)(n > 1 ? (x[last] - x[first]) / (last - first) : 0);
                    // Changes inside the window: rows first+1..last each add |x[i] - x[i-1]|.
                    f[at++] = (float)(n > 1 ? (changes[last + 1] - changes[first + 1]) / (last - first) : 0);
                }
            }

            offset += 2 + PerWindow * widths.Length;
        }

        return features;
    }
}
