using System.Xml.Linq;
using LabelStudio.ML;

namespace TimeseriesSegmenter;

/// <summary>
/// How a <c>TimeSeries</c> tag of the label config reads its CSV: the data key holding the URL, the time column
/// (none: the row number is the time), the separator, and the <c>Channel</c> columns.
/// </summary>
/// <param name="ObjectName">The TimeSeries tag's name.</param>
/// <param name="TimeColumn">The <c>timeColumn</c> attribute, or null to count rows from 0.</param>
/// <param name="Separator">The <c>sep</c> attribute (default <c>,</c>; <c>\t</c> means a tab).</param>
/// <param name="Channels">The <c>column</c> of each <c>Channel</c>, in config order.</param>
public sealed record SeriesLayout(string ObjectName, string? TimeColumn, char Separator, IReadOnlyList<string> Channels)
{
    /// <summary>Reads the layout of the TimeSeries tag <paramref name="objectName"/>.</summary>
    /// <exception cref="AnswerException">422: the tag has no channels or an unusable separator.</exception>
    public static SeriesLayout From(LabelConfig config, string objectName)
    {
        ArgumentNullException.ThrowIfNull(config);
        var element = XDocument.Parse(config.Xml).Descendants()
            .FirstOrDefault(e => e.Name.LocalName == "TimeSeries" && (string?)e.Attribute("name") == objectName)
            ?? throw new AnswerException(422, $"The label config has no TimeSeries named '{objectName}'.");
        var channels = element.Descendants().Where(e => e.Name.LocalName == "Channel")
            .Select(e => (string?)e.Attribute("column")).OfType<string>().Where(column => column.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        if (channels.Count == 0)
        {
            throw new AnswerException(422, $"TimeSeries '{objectName}' has no Channel with a column: the model needs at least one channel to read.");
        }

        var sep = (string?)element.Attribute("sep") ?? ",";
        var separator = sep switch
        {
            "\\t" or "\t" => '\t',
            { Length: 1 } => sep[0],
            _ => throw new AnswerException(422, $"TimeSeries '{objectName}' has sep '{sep}': the separator must be one character."),
        };
        var timeColumn = (string?)element.Attribute("timeColumn");
        return new SeriesLayout(objectName, string.IsNullOrEmpty(timeColumn) ? null : timeColumn, separator, channels);
    }
}
