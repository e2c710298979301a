using System.Text.Json.Nodes;

namespace LabelStudio.ML;

// Builders for time-based controls: time series, video tracks and timelines (SPEC §6.3).
public sealed partial class Region
{
    /// <summary>
    /// A <c>timeserieslabels</c> range between two values of the time column, written as given (Label Studio
    /// itself writes strings); <c>instant</c> is true when they are equal.
    /// </summary>
    public static Region TimeSeriesLabels(TagMatch tag, string start, string end, IEnumerable<string> labels, string? id = null)
    {
        ArgumentNullException.ThrowIfNull(start);
        ArgumentNullException.ThrowIfNull(end);
        return TimeSeriesRange(tag, start, end, string.Equals(start, end, StringComparison.Ordinal), labels, id);
    }

    /// <summary>A <c>timeserieslabels</c> range between two numeric values of the time column, written as numbers.</summary>
    public static Region TimeSeriesLabels(TagMatch tag, double start, double end, IEnumerable<string> labels, string? id = null) =>
        TimeSeriesRange(tag, start, end, start.Equals(end), labels, id);

    /// <summary>
    /// A <c>videorectangle</c> track: keyframes in <paramref name="sequence"/>, the video's
    /// <paramref name="framesCount"/> and <paramref name="duration"/> in seconds, and the labels of a
    /// <c>Labels</c> control on the same video.
    /// </summary>
    public static Region VideoRectangle(
        TagMatch tag, IEnumerable<VideoKeyframe> sequence, int framesCount, double duration, IEnumerable<string>? labels = null, string? id = null)
    {
        ArgumentNullException.ThrowIfNull(sequence);
        ArgumentOutOfRangeException.ThrowIfNegative(framesCount);
        var keyframes = new JsonArray();
        foreach (var keyframe in sequence)
        {
            keyframes.Add(new JsonObject
            {
                ["frame"] = keyframe.Frame,
                ["enabled"] = keyframe.Enabled,
                ["rotation"] = keyframe.Rotation,
                ["x"] = keyframe.X,
                ["y"] = keyframe.Y,
                ["width"] = keyframe.Width,
                ["height"] = keyframe.Height,
                ["time"] = keyframe.Time,
            });
        }

        var value = new JsonObject { ["framesCount"] = framesCount, ["duration"] = duration };
        WithLabelList(value, "labels", labels)["sequence"] = keyframes;
        return Create(tag, "videorectangle", value, id);
    }

    /// <summary>A <c>timelinelabels</c> result: frame ranges (inclusive frame numbers) carrying the labels.</summary>
    public static Region TimelineLabels(TagMatch tag, IEnumerable<(int Start, int End)> ranges, IEnumerable<string> labels, string? id = null)
    {
        ArgumentNullException.ThrowIfNull(ranges);
        var array = new JsonArray();
        foreach (var (start, end) in ranges)
        {
            array.Add(new JsonObject { ["start"] = start, ["end"] = end });
        }

        return Create(tag, "timelinelabels", new JsonObject { ["ranges"] = array, ["timelinelabels"] = Strings(labels) }, id);
    }

    private static Region TimeSeriesRange(TagMatch tag, JsonNode start, JsonNode end, bool instant, IEnumerable<string> labels, string? id)
    {
        var value = new JsonObject { ["start"] = start, ["end"] = end, ["instant"] = instant, ["timeserieslabels"] = Strings(labels) };
        return Create(tag, "timeserieslabels", value, id);
    }
}
