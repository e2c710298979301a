using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using LabelStudio.ML;

namespace TimeseriesSegmenter;

/// <summary>
/// Time series segmentation (<c>TimeSeriesLabels</c> → <c>TimeSeries</c> read from a CSV URL) that learns from the
/// project's annotations: every row of the annotated series is a training example (its window features; its label,
/// or <c>__background__</c> outside the labelled ranges) for a LightGBM classifier, saved as a model version of the
/// project. Predictions group runs of rows with the same label into ranges of the time column. Until the first
/// training, predictions are empty.
/// </summary>
public sealed class TimeSeriesSegmenterModel(TrainedSegmenterCache segmenters, LabelStudioClient labelStudio, IConfiguration configuration) : LabelStudioModel
{
    /// <summary>The state key of the annotated series gathered from annotation events (task id → series).</summary>
    internal const string ExamplesKey = "training_series";

    /// <inheritdoc />
    public override async Task<ModelResponse?> PredictAsync(PredictRequest request, CancellationToken cancellationToken)
    {
        var tag = Config.FirstTag("TimeSeriesLabels", "TimeSeries");
        var layout = SeriesLayout.From(Config, tag.ToName);
        if (ModelVersion is not { } version || Artifacts.CurrentDirectory is not { } directory)
        {
            // Not trained yet: nothing to suggest.
            return new ModelResponse(request.Tasks.Select(_ => new Prediction([])));
        }

        var segmenter = segmenters.Get(Artifacts.ProjectDirectory, version, directory);
        // The model reads the channels it was trained on; labels the config no longer offers are left out.
        var trainedLayout = layout with { Channels = segmenter.Metadata.Channels };
        var labelOf = Config.BuildLabelMapByModelName(tag.FromName, segmenter.Classes.Where(name => name != SegmenterTrainer.Background));
        var smoothing = Setting("SMOOTHING", 5, minimum: 1);
        var predictions = new List<Prediction>(request.Tasks.Count);
        foreach (var task in request.Tasks)
        {
            var table = await ReadTableAsync(tag, trainedLayout, task, cancellationToken);
            var segments = SegmentDecoder.Decode(segmenter.Predict(table), segmenter.Classes, smoothing)
                .Where(segment => labelOf.ContainsKey(segment.Label))
                .ToList();
            predictions.Add(segments.Count == 0
                ? new Prediction([])
                : new Prediction(
                    segments.Select(segment => Region.TimeSeriesLabels(tag, table.Times[segment.FirstRow], table.Times[segment.LastRow], [labelOf[segment.Label]]).WithScore(segment.Score)),
                    Math.Round(segments.Average(segment => segment.Score), 4)));
        }

        return new ModelResponse(predictions);
    }

    /// <inheritdoc />
    public override async Task<object?> FitAsync(TrainingEvent trainingEvent, CancellationToken cancellationToken)
    {
        var tag = Config.FirstTag("TimeSeriesLabels", "TimeSeries");
        var layout = SeriesLayout.From(Config, tag.ToName);
        var examples = LoadExamples();
        string source;
        if (trainingEvent.Action == TrainingEvent.StartTraining)
        {
            (examples, source) = await DownloadExamplesAsync(tag, examples, cancellationToken);
        }
        else
        {
            foreach (var folded in trainingEvent.FoldedEvents)
            {
                Apply(tag, folded, examples);
            }

            source = "annotation events";
        }

        SaveExamples(examples);
        var series = new List<(SeriesTable Table, string[] Labels)>();
        foreach (var example in examples.Values)
        {
            try
            {
                var table = await ReadTableAsync(tag, layout, new LabelStudioTask(example.Task), cancellationToken);
                series.Add((table, RowLabels(table, example.Ranges)));
            }
            catch (Exception ex) when (ex is AnswerException or TaskDataException { Category: TaskDataErrorCategory.NotFound or TaskDataErrorCategory.InvalidInput or TaskDataErrorCategory.TooLarge })
            {
                // One unreadable or vanished series must not stop training on the others; a connection problem still does.
                Logger.LogWarning("Training skips the series of task {Task}: {Reason}", example.Task["id"]?.ToJsonString(), ex.Message);
            }
        }

        var classes = series.SelectMany(item => item.Labels).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (classes.Count(label => label != SegmenterTrainer.Background) == 0 || classes.Count < 2)
        {
            return new { Trained = false, Series = series.Count, Reason = $"training needs labelled ranges and unlabelled rows in the annotated series; the classes found are [{string.Join(", ", classes)}]" };
        }

        trainingEvent.ReportProgress(0.1, $"training on {series.Sum(item => item.Table.Rows)} rows of {series.Count} series");
        using var draft = Artifacts.CreateDraft();
        var metadata = new SegmenterMetadata(layout.Channels, Setting("WINDOW_SIZE", 10, minimum: 1));
        var iterations = Setting("TRAIN_ITERATIONS", 100, minimum: 1);
        await Task.Run(() => SegmenterTrainer.TrainAndSave(series, metadata, iterations, draft.Directory), cancellationToken);
        var version = draft.Commit();
        return new { Trained = true, Version = version, Series = series.Count, Rows = series.Sum(item => item.Table.Rows), Classes = classes, Source = source };
    }

    /// <summary>Adds, replaces or removes the series of one annotation event.</summary>
    private static void Apply(TagMatch tag, TrainingEvent trainingEvent, Dictionary<string, LabeledSeries> examples)
    {
        switch (trainingEvent.Action)
        {
            case TrainingEvent.AnnotationCreated or TrainingEvent.AnnotationUpdated
                when trainingEvent.Annotation is { } annotation && trainingEvent.Task is { Id: { } taskId } task:
                var key = taskId.ToString(CultureInfo.InvariantCulture);
                examples.Remove(key);
                if (Example(tag, task, annotation) is { } example)
                {
                    examples[key] = example;
                }

                break;
            case TrainingEvent.AnnotationDeleted when trainingEvent.Annotation is { } deleted && Id(deleted["id"]) is { } id:
                RemoveAnnotations(examples, [id]);
                break;
            case TrainingEvent.AnnotationsDeleted when trainingEvent.Data["annotations"] is JsonArray deleted:
                RemoveAnnotations(examples, [.. deleted.Select(item => Id(item is JsonObject entry ? entry["id"] : item)).OfType<string>()]);
                break;
        }
    }

    private static void RemoveAnnotations(Dictionary<string, LabeledSeries> examples, HashSet<string> annotationIds)
    {
        foreach (var task in examples.Where(pair => annotationIds.Contains(pair.Value.AnnotationId)).Select(pair => pair.Key).ToList())
        {
            examples.Remove(task);
        }
    }

    /// <summary>Every annotated task of the project from Label Studio; without a Label Studio connection, the gathered ones.</summary>
    private async Task<(Dictionary<string, LabeledSeries> Examples, string Source)> DownloadExamplesAsync(
        TagMatch tag, Dictionary<string, LabeledSeries> gathered, CancellationToken cancellationToken)
    {
        var downloaded = new Dictionary<string, LabeledSeries>(StringComparer.Ordinal);
        try
        {
            await foreach (var task in labelStudio.ListTasksAsync(long.Parse(ProjectId, CultureInfo.InvariantCulture), cancellationToken: cancellationToken))
            {
                // A ground-truth annotation wins; otherwise the task's latest one.
                var annotations = task.Annotations.OfType<JsonObject>().ToList();
                var chosen = annotations.LastOrDefault(a => a["ground_truth"] is JsonValue truth && truth.GetValueKind() == JsonValueKind.True)
                    ?? annotations.LastOrDefault(a => Example(tag, task, a) is not null);
                if (task.Id is { } id && chosen is not null && Example(tag, task, chosen) is { } example)
                {
                    downloaded[id.ToString(CultureInfo.InvariantCulture)] = example;
                }
            }
        }
        catch (TaskDataException ex) when (ex.Category == TaskDataErrorCategory.NotConfigured)
        {
            Logger.LogWarning("START_TRAINING without LABEL_STUDIO_URL and LABEL_STUDIO_API_KEY: training on the {Count} series received by webhook", gathered.Count);
            return (gathered, "annotation events (Label Studio is not configured)");
        }

        return (downloaded, "Label Studio");
    }

    /// <summary>
    /// The series an annotation gives: its <c>timeserieslabels</c> ranges of the control with numeric start and end;
    /// none for a cancelled (skipped) annotation or one without such ranges.
    /// </summary>
    private static LabeledSeries? Example(TagMatch tag, LabelStudioTask task, JsonObject annotation)
    {
        if (annotation["was_cancelled"] is JsonValue cancelled && cancelled.GetValueKind() == JsonValueKind.True)
        {
            return null;
        }

        var ranges = new List<LabeledRange>();
        foreach (var region in (annotation["result"] as JsonArray ?? []).OfType<JsonObject>())
        {
            if ((string?)region["from_name"] != tag.FromName || region["value"] is not JsonObject value
                || Number(value["start"]) is not { } start || Number(value["end"]) is not { } end
                || (value["timeserieslabels"] as JsonArray)?.FirstOrDefault() is not JsonValue label || label.GetValueKind() != JsonValueKind.String)
            {
                continue;
            }

            ranges.Add(new LabeledRange(Math.Min(start, end), Math.Max(start, end), label.GetValue<string>()));
        }

        return ranges.Count == 0 ? null : new LabeledSeries(Id(annotation["id"]) ?? string.Empty, new JsonObject { ["id"] = task.Id, ["data"] = task.Data.DeepClone() }, ranges);
    }

    /// <summary>The class of each row: the label of the range that holds its time (an instant marks the nearest row), else background.</summary>
    private static string[] RowLabels(SeriesTable table, IReadOnlyList<LabeledRange> ranges)
    {
        var labels = Enumerable.Repeat(SegmenterTrainer.Background, table.Rows).ToArray();
        foreach (var range in ranges)
        {
            var covered = false;
            for (var row = 0; row < table.Rows; row++)
            {
                if (table.Times[row] >= range.Start && table.Times[row] <= range.End)
                {
                    labels[row] = range.Label;
                    covered = true;
                }
            }

            if (!covered && table.Rows > 0)
            {
                var nearest = Enumerable.Range(0, table.Rows).MinBy(row => Math.Abs(table.Times[row] - range.Start));
                labels[nearest] = range.Label;
            }
        }

        return labels;
    }

    /// <summary>Reads a task's CSV through TaskData; a CSV that does not fit the config is answered 422 naming the task and the column.</summary>
    private async Task<SeriesTable> ReadTableAsync(TagMatch tag, SeriesLayout layout, LabelStudioTask task, CancellationToken cancellationToken)
    {
        var objectTag = Config.GetObject(tag.ToName);
        var csv = await TaskData.ReadTextAsync(task, objectTag, cancellationToken);
        try
        {
            return SeriesTable.Parse(csv, layout);
        }
        catch (SeriesFormatException ex)
        {
            var id = task.Id?.ToString(CultureInfo.InvariantCulture) ?? "without id";
            throw new AnswerException(422, $"Task {id}: the time series in data key '{objectTag.ValueName}' cannot be read: {ex.Message}.", ex);
        }
    }

    private int Setting(string key, int fallback, int minimum)
    {
        var text = configuration[key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= minimum
            ? value
            : throw new InvalidOperationException($"{key} must be a whole number of at least {minimum}, got '{text}'.");
    }

    private Dictionary<string, LabeledSeries> LoadExamples() =>
        State.Get(ExamplesKey) is { } json
            ? JsonSerializer.Deserialize<Dictionary<string, LabeledSeries>>(json) ?? []
            : new Dictionary<string, LabeledSeries>(StringComparer.Ordinal);

    private void SaveExamples(Dictionary<string, LabeledSeries> examples) => State.Set(ExamplesKey, JsonSerializer.Serialize(examples));

    /// <summary>A number, also when written as text (Label Studio writes time series ranges both ways).</summary>
    private static double? Number(JsonNode? node) => node switch
    {
        JsonValue value when value.GetValueKind() == JsonValueKind.Number => value.GetValue<double>(),
        JsonValue value when value.GetValueKind() == JsonValueKind.String
            && double.TryParse(value.GetValue<string>(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) => parsed,
        _ => null,
    };

    /// <summary>An annotation id as text (Label Studio sends numbers; strings are accepted as they are).</summary>
    private static string? Id(JsonNode? node) => node switch
    {
        JsonValue value when value.GetValueKind() == JsonValueKind.Number => value.ToJsonString(),
        JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
        _ => null,
    };
}
