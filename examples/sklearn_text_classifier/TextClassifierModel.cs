using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using LabelStudio.ML;

namespace SklearnTextClassifier;

/// <summary>
/// Text classification (<c>Choices</c> → <c>Text</c>) that learns from the project's annotations: a TF-IDF word and
/// character n-gram featurizer and a logistic regression, trained with ML.NET and saved as a model version of the
/// project. Until the first training, predictions are empty.
/// </summary>
public sealed class TextClassifierModel(TrainedClassifierCache classifiers, LabelStudioClient labelStudio, IConfiguration configuration) : LabelStudioModel
{
    /// <summary>The state key of the examples gathered from annotation events (annotation id → example).</summary>
    internal const string ExamplesKey = "training_examples";

    /// <inheritdoc />
    public override async Task<ModelResponse?> PredictAsync(PredictRequest request, CancellationToken cancellationToken)
    {
        var tag = Config.FirstTag("Choices", "Text");
        var texts = new List<string>(request.Tasks.Count);
        foreach (var task in request.Tasks)
        {
            texts.Add(await ReadTextAsync(tag, task, cancellationToken));
        }

        if (ModelVersion is not { } version || Artifacts.CurrentDirectory is not { } directory)
        {
            // Not trained yet: nothing to suggest.
            return new ModelResponse(texts.Select(_ => new Prediction([])));
        }

        var classifier = classifiers.Get(Artifacts.ProjectDirectory, version, directory);
        // Classes the config no longer offers are left out; the probabilities of the others are kept as they are.
        var choiceOf = Config.BuildLabelMapByModelName(tag.FromName, classifier.Classes);
        var probabilities = classifier.Predict(texts);
        var predictions = new List<Prediction>(texts.Count);
        for (var i = 0; i < texts.Count; i++)
        {
            var best = Enumerable.Range(0, classifier.Classes.Count)
                .Where(index => choiceOf.ContainsKey(classifier.Classes[index]))
                .OrderByDescending(index => probabilities[i][index])
                .Select(index => (int?)index)
                .FirstOrDefault();
            if (string.IsNullOrWhiteSpace(texts[i]) || best is not { } index)
            {
                predictions.Add(new Prediction([]));
                continue;
            }

            var score = Math.Round(probabilities[i][index], 6);
            predictions.Add(new Prediction([Region.Choices(tag, choiceOf[classifier.Classes[index]]).WithScore(score)], score));
        }

        return new ModelResponse(predictions);
    }

    /// <inheritdoc />
    public override async Task<object?> FitAsync(TrainingEvent trainingEvent, CancellationToken cancellationToken)
    {
        var tag = Config.FirstTag("Choices", "Text");
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
                await ApplyAsync(tag, folded, examples, cancellationToken);
            }

            source = "annotation events";
        }

        SaveExamples(examples);
        var choices = examples.Values.Select(example => example.Choice).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (choices.Count < 2)
        {
            return new { Trained = false, Examples = examples.Count, Reason = $"training needs annotations with at least two different choices; there are {choices.Count}" };
        }

        trainingEvent.ReportProgress(0.1, $"training on {examples.Count} annotations");
        using var draft = Artifacts.CreateDraft();
        var c = configuration.GetValue("LOGISTIC_REGRESSION_C", 10.0);
        if (!(c > 0) || !double.IsFinite(c))
        {
            throw new InvalidOperationException($"LOGISTIC_REGRESSION_C must be a positive number, got {c.ToString(CultureInfo.InvariantCulture)}.");
        }

        await Task.Run(() => TextClassifierTrainer.TrainAndSave([.. examples.Values], c, draft.Directory), cancellationToken);
        var version = draft.Commit();
        return new { Trained = true, Version = version, Examples = examples.Count, Classes = choices, Source = source };
    }

    /// <summary>Adds, replaces or removes the examples of one annotation event.</summary>
    private async Task ApplyAsync(TagMatch tag, TrainingEvent trainingEvent, Dictionary<string, LabeledText> examples, CancellationToken cancellationToken)
    {
        switch (trainingEvent.Action)
        {
            case TrainingEvent.AnnotationCreated or TrainingEvent.AnnotationUpdated
                when trainingEvent.Annotation is { } annotation && Id(annotation["id"]) is { } id:
                examples.Remove(id);
                if (trainingEvent.Task is { } task && await ExampleAsync(tag, task, annotation, cancellationToken) is { } example)
                {
                    examples[id] = example;
                }

                break;
            case TrainingEvent.AnnotationDeleted when trainingEvent.Annotation is { } deleted && Id(deleted["id"]) is { } id:
                examples.Remove(id);
                break;
            case TrainingEvent.AnnotationsDeleted when trainingEvent.Data["annotations"] is JsonArray deleted:
                foreach (var id in deleted.Select(item => Id(item is JsonObject entry ? entry["id"] : item)).OfType<string>())
                {
                    examples.Remove(id);
                }

                break;
        }
    }

    /// <summary>Every annotation of the project from Label Studio; without a Label Studio connection, the gathered ones.</summary>
    private async Task<(Dictionary<string, LabeledText> Examples, string Source)> DownloadExamplesAsync(
        TagMatch tag, Dictionary<string, LabeledText> gathered, CancellationToken cancellationToken)
    {
        var downloaded = new Dictionary<string, LabeledText>(StringComparer.Ordinal);
        try
        {
            await foreach (var task in labelStudio.ListTasksAsync(long.Parse(ProjectId, CultureInfo.InvariantCulture), cancellationToken: cancellationToken))
            {
                foreach (var annotation in task.Annotations.OfType<JsonObject>())
                {
                    if (Id(annotation["id"]) is { } id && await ExampleAsync(tag, task, annotation, cancellationToken) is { } example)
                    {
                        downloaded[id] = example;
                    }
                }
            }
        }
        catch (TaskDataException ex) when (ex.Category == TaskDataErrorCategory.NotConfigured)
        {
            Logger.LogWarning("START_TRAINING without LABEL_STUDIO_URL and LABEL_STUDIO_API_KEY: training on the {Count} annotations received by webhook", gathered.Count);
            return (gathered, "annotation events (Label Studio is not configured)");
        }

        return (downloaded, "Label Studio");
    }

    /// <summary>
    /// The example an annotation gives: its first choice of the control and the task's text; none for a cancelled
    /// (skipped) annotation, one without a choice, or a task without text.
    /// </summary>
    private async Task<LabeledText?> ExampleAsync(TagMatch tag, LabelStudioTask task, JsonObject annotation, CancellationToken cancellationToken)
    {
        if (annotation["was_cancelled"] is JsonValue cancelled && cancelled.GetValueKind() == JsonValueKind.True)
        {
            return null;
        }

        var choice = (annotation["result"] as JsonArray ?? [])
            .OfType<JsonObject>()
            .Where(region => region["from_name"]?.GetValueKind() == JsonValueKind.String && region["from_name"]!.GetValue<string>() == tag.FromName)
            .Select(region => region["value"]?["choices"] as JsonArray)
            .SelectMany(values => values ?? [])
            .Select(value => value?.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null)
            .FirstOrDefault(value => !string.IsNullOrEmpty(value));
        if (choice is null)
        {
            return null;
        }

        try
        {
            var text = await ReadTextAsync(tag, task, cancellationToken);
            return string.IsNullOrWhiteSpace(text) ? null : new LabeledText(task.Id, text, choice);
        }
        catch (AnswerException ex)
        {
            // A task without the text key teaches nothing; one bad task must not stop training on the others.
            Logger.LogWarning("Training skips {Task}: {Reason}", task, ex.Message);
            return null;
        }
    }

    private Task<string> ReadTextAsync(TagMatch tag, LabelStudioTask task, CancellationToken cancellationToken) =>
        TaskData.ReadTextAsync(task, Config.GetObject(tag.ToName), cancellationToken);

    private Dictionary<string, LabeledText> LoadExamples() =>
        State.Get(ExamplesKey) is { } json
            ? JsonSerializer.Deserialize<Dictionary<string, LabeledText>>(json) ?? []
            : new Dictionary<string, LabeledText>(StringComparer.Ordinal);

    private void SaveExamples(Dictionary<string, LabeledText> examples) => State.Set(ExamplesKey, JsonSerializer.Serialize(examples));

    /// <summary>An annotation id as text (Label Studio sends numbers; strings are accepted as they are).</summary>
    private static string? Id(JsonNode? node) => node switch
    {
        JsonValue value when value.GetValueKind() == JsonValueKind.Number => value.ToJsonString(),
        JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
        _ => null,
    };
}
