using System.Globalization;

namespace TimeseriesSegmenter;

/// <summary>One task's time series: the time of each row and the value of each channel at each row.</summary>
/// <param name="Times">The time column's values (or row numbers from 0), one per row.</param>
/// <param name="Channels">For each channel of the layout, its values, one per row.</param>
public sealed record SeriesTable(double[] Times, IReadOnlyList<double[]> Channels)
{
    /// <summary>The number of rows.</summary>
    public int Rows => Times.Length;

    /// <summary>Parses CSV text (a header row, then one row per time step) as <paramref name="layout"/> says.</summary>
    /// <exception cref="SeriesFormatException">A column is missing or a value is not a number; the message names the column (and row).</exception>
    public static SeriesTable Parse(string csv, SeriesLayout layout)
    {
        ArgumentNullException.ThrowIfNull(csv);
        ArgumentNullException.ThrowIfNull(layout);
        var lines = csv.Split('\n').Select(line => line.TrimEnd('\r')).ToList();
        while (lines.Count > 0 && lines[^1].Length == 0)
        {
            lines.RemoveAt(lines.Count - 1);
        }

        if (lines.Count == 0)
        {
            throw new SeriesFormatException("the CSV is empty (it needs a header row naming the columns)");
        }

        var header = Split(lines[0], layout.Separator).Select(name => name.Trim()).ToList();
        int Column(string name, string role)
        {
            var index = header.IndexOf(name);
            return index >= 0
                ? index
                : throw new SeriesFormatException($"the CSV has no column '{name}' ({role}); its columns are {string.Join(", ", header.Select(h => $"'{h}'"))}");
        }

        var timeIndex = layout.TimeColumn is { } time ? Column(time, "the timeColumn") : -1;
        var channelIndexes = layout.Channels.Select(channel => Column(channel, "a Channel")).ToList();
        var rows = lines.Count - 1;
        var times = new double[rows];
        var channels = layout.Channels.Select(_ => new double[rows]).ToList();
        for (var row = 0; row < rows; row++)
        {
            var fields = Split(lines[row + 1], layout.Separator);
            times[row] = timeIndex < 0 ? row : Number(fields, timeIndex, layout.TimeColumn!, row);
            for (var c = 0; c < channelIndexes.Count; c++)
            {
                channels[c][row] = Number(fields, channelIndexes[c], layout.Channels[c], row);
            }
        }

        return new SeriesTable(times, channels);
    }

    private static double Number(List<string> fields, int index, string column, int row)
    {
        // Rows are counted as a spreadsheet shows them: the header is row 1.
        if (index >= fields.Count)
        {
            throw new SeriesFormatException($"row {row + 2} of the CSV has no value in column '{column}'");
        }

        var text = fields[index].Trim();
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)
            ? value
            : throw new SeriesFormatException($"column '{column}' has the non-numeric value '{(text.Length > 40 ? text[..40] + "…" : text)}' in row {row + 2} of the CSV");
    }

    /// <summary>Splits a line at <paramref name="separator"/>, keeping separators inside double quotes.</summary>
    private static List<string> Split(string line, char separator)
    {
        var fields = new List<string>();
        var field = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (c == '"')
            {
                if (quoted && i + 1 < line.Length && line[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else
                {
                    quoted = !quoted;
                }
            }
            else if (c == separator && !quoted)
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        fields.Add(field.ToString());
        return fields;
    }
}
