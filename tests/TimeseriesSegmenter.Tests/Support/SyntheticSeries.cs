using System.Globalization;
using System.Text;

namespace TimeseriesSegmenter.Tests.Support;

/// <summary>A labelled range of a generated series: inclusive rows and the time column's values at them.</summary>
public sealed record TrueSegment(string Label, int FirstRow, int LastRow, double Start, double End);

/// <summary>
/// A generated two-channel series in which two segments have their own pattern: noise and a slow wave everywhere,
/// a fast oscillation of the <c>sensor</c> channel in the "Oscillation" segment, and a raised level of both channels
/// in the "Step" segment. Positions and lengths are drawn from the seed.
/// </summary>
public sealed record SyntheticSeries(double[] Times, double[] Sensor, double[] Aux, IReadOnlyList<TrueSegment> Segments)
{
    public const string Oscillation = "Oscillation";
    public const string Step = "Step";

    /// <summary>Row i is at time <c>100 + 0.5 i</c> (seconds), so ranges are not row numbers.</summary>
    public static SyntheticSeries Generate(int seed, int rows = 300)
    {
        var random = new Random(seed);
        var times = Enumerable.Range(0, rows).Select(i => 100 + 0.5 * i).ToArray();
        // Two segments of 30–50 rows in random order, at least 20 rows apart and from the ends.
        var labels = random.Next(2) == 0 ? new[] { Oscillation, Step } : [Step, Oscillation];
        var first = 20 + random.Next(60);
        var firstLength = 30 + random.Next(21);
        var second = first + firstLength + 20 + random.Next(rows - first - firstLength - 20 - 70);
        var secondLength = 30 + random.Next(21);
        var segments = new[]
        {
            new TrueSegment(labels[0], first, first + firstLength - 1, times[first], times[first + firstLength - 1]),
            new TrueSegment(labels[1], second, second + secondLength - 1, times[second], times[second + secondLength - 1]),
        };

        var phase = random.NextDouble() * 2 * Math.PI;
        var sensor = new double[rows];
        var aux = new double[rows];
        for (var i = 0; i < rows; i++)
        {
            var label = segments.FirstOrDefault(s => i >= s.FirstRow && i <= s.LastRow)?.Label;
            sensor[i] = 0.3 * Gaussian(random) + 0.5 * Math.Sin(2 * Math.PI * i / 120 + phase)
                + (label == Oscillation ? 2 * Math.Sin(2 * Math.PI * i / 6) : 0)
                + (label == Step ? 3 : 0);
            aux[i] = 0.3 * Gaussian(random) + (label == Step ? 1.5 : 0);
        }

        return new SyntheticSeries(times, sensor, aux, segments);
    }

    /// <summary>The CSV: a header, then one row per time step; without <paramref name="timeColumn"/> the time is left out.</summary>
    public string Csv(char separator = ',', bool timeColumn = true)
    {
        var csv = new StringBuilder(timeColumn ? $"time{separator}sensor{separator}aux\n" : $"sensor{separator}aux\n");
        for (var i = 0; i < Times.Length; i++)
        {
            if (timeColumn)
            {
                csv.Append(Times[i].ToString("R", CultureInfo.InvariantCulture)).Append(separator);
            }

            csv.Append(Sensor[i].ToString("R", CultureInfo.InvariantCulture)).Append(separator)
                .Append(Aux[i].ToString("R", CultureInfo.InvariantCulture)).Append('\n');
        }

        return csv.ToString();
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
