using System.Text.Json.Nodes;
using LabelStudio.ML.Testing;

namespace TimeseriesSegmenter.Tests.Support;

/// <summary>A TimeSeriesLabels → TimeSeries project as Label Studio describes it in requests and webhooks.</summary>
internal static class SegmentationProject
{
    public const long Id = 1;

    public const string Project = "1.1712586036";

    public const string LabelConfig = """
        <View>
          <TimeSeriesLabels name="label" toName="ts">
            <Label value="Oscillation" background="red"/>
            <Label value="Step" background="blue"/>
          </TimeSeriesLabels>
          <TimeSeries name="ts" value="$csv_url" valueType="url" timeColumn="time" sep=",">
            <Channel column="sensor"/>
            <Channel column="aux"/>
          </TimeSeries>
        </View>
        """;

    /// <summary>The same project over semicolon-separated CSVs without a time column: rows are counted from 0.</summary>
    public const string RowNumberConfig = """
        <View>
          <TimeSeriesLabels name="label" toName="ts">
            <Label value="Oscillation"/>
            <Label value="Step"/>
          </TimeSeriesLabels>
          <TimeSeries name="ts" value="$csv_url" valueType="url" sep=";">
            <Channel column="sensor"/>
            <Channel column="aux"/>
          </TimeSeries>
        </View>
        """;

    public static JsonObject Task(long id, string csvUrl) => TestTasks.Create(id, new JsonObject { ["csv_url"] = csvUrl });

    /// <summary>The annotation's result: one <c>timeserieslabels</c> range per segment, in time units (row numbers when <paramref name="rowNumbers"/>).</summary>
    public static IEnumerable<JsonObject> Ranges(IEnumerable<TrueSegment> segments, bool rowNumbers = false) =>
        segments.Select(segment => TestTasks.Region("label", "ts", "timeserieslabels", new JsonObject
        {
            ["start"] = rowNumbers ? segment.FirstRow : segment.Start,
            ["end"] = rowNumbers ? segment.LastRow : segment.End,
            ["instant"] = false,
            ["timeserieslabels"] = new JsonArray(segment.Label),
        }));

    /// <summary>A task of the project as <c>/api/tasks</c> lists it, with one annotation.</summary>
    public static JsonObject ListedTask(long id, string csvUrl, IEnumerable<JsonObject> result)
    {
        var task = Task(id, csvUrl);
        task["project"] = Id;
        task["annotations"] = new JsonArray(new JsonObject
        {
            ["id"] = 1000 + id,
            ["result"] = new JsonArray([.. result]),
            ["was_cancelled"] = false,
            ["ground_truth"] = false,
            ["project"] = Id,
        });
        return task;
    }

    public static JsonObject StartTraining(string labelConfig) => new()
    {
        ["action"] = "START_TRAINING",
        ["project"] = new JsonObject { ["id"] = Id, ["title"] = "Sensors", ["label_config"] = labelConfig },
    };

    /// <summary>Posts a webhook and returns the answer (sync mode: <c>{"result": …, "status": "ok"}</c>).</summary>
    public static async Task<JsonObject> WebhookAsync(TestBackend backend, JsonObject body)
    {
        using var response = await backend.PostJsonAsync("/webhook", body);
        var text = await response.Content.ReadAsStringAsync();
        return response.IsSuccessStatusCode ? JsonNode.Parse(text)!.AsObject() : throw new HttpRequestException($"/webhook answered {(int)response.StatusCode}: {text}");
    }

    /// <summary>
    /// Intersection over union of the rows labelled <paramref name="label"/> by the predicted ranges and by the true
    /// segments of <paramref name="series"/>, with <paramref name="timeOf"/> giving a row's value in the ranges' units.
    /// </summary>
    public static double RowIoU(SyntheticSeries series, IEnumerable<PredictedRegion> regions, string label, Func<int, double> timeOf)
    {
        var rows = Enumerable.Range(0, series.Times.Length).ToList();
        var predicted = rows.Where(row => regions.Any(region => region.Labels.Contains(label)
            && timeOf(row) >= (double)region.Value["start"]! && timeOf(row) <= (double)region.Value["end"]!)).ToHashSet();
        var truth = rows.Where(row => series.Segments.Any(segment => segment.Label == label && row >= segment.FirstRow && row <= segment.LastRow)).ToHashSet();
        var union = predicted.Union(truth).Count();
        return union == 0 ? 0 : (double)predicted.Intersect(truth).Count() / union;
    }
}
