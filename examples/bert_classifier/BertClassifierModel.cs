using LabelStudio.ML;
using LabelStudio.ML.Examples.Text;

namespace BertClassifier;

/// <summary>
/// Text classification (<c>Choices</c> → <c>Text</c>) with a real transformer: all-MiniLM-L6-v2 sentence embeddings
/// and a multinomial logistic regression head trained with ML.NET from the project's annotations. Until a head is
/// trained, every task gets an empty prediction. With <c>BERT_ONNX_DIR</c> set, a user's fine-tuned BERT classifier
/// (ONNX) predicts instead and nothing is trained here.
/// </summary>
[AdaptiveBatching]
public sealed class BertClassifierModel(
    MiniLmEncoder encoder,
    ArtifactCache<SoftmaxHead> heads,
    FineTunedClassifier fineTuned,
    ClassifierSettings settings,
    LabelStudioClient labelStudio) : LabelStudioModel
{
    /// <summary>The head's file inside a model version's folder.</summary>
    public const string HeadFile = "head.json";

    /// <summary>The project's annotated examples, beside its model versions.</summary>
    public const string ExamplesFile = "classifier-examples.json";

    private const string PendingKey = "bert_classifier.changes_since_training";

    /// <inheritdoc />
    public override async Task<ModelResponse?> PredictAsync(PredictRequest request, CancellationToken cancellationToken)
    {
        var tag = Config.FirstTag("Choices", "Text");
        var texts = new List<string>(request.Tasks.Count);
        foreach (var task in request.Tasks)
        {
            texts.Add(await TaskData.ReadTextAsync(task, Config.GetObject(tag.ToName), cancellationToken));
        }

        var (labels, probabilities) = Classify(texts.Select(text => string.IsNullOrWhiteSpace(text) ? null : text).ToList());
        if (labels is null)
        {
            return new ModelResponse(texts.Select(_ => new Prediction([])));
        }

        // The model's classes as the config names them; classes the config lacks are never predicted.
        var labelMap = Config.BuildLabelMapByModelName(tag.FromName, labels);
        var predictions = new List<Prediction>(texts.Count);
        foreach (var row in probabilities)
        {
            var best = row is null ? -1 : BestKnown(row, labels, labelMap);
            predictions.Add(best < 0
                ? new Prediction([])
                : new Prediction([Region.Choices(tag, labelMap[labels[best]]).WithScore(row![best])], row![best]));
        }

        return new ModelResponse(predictions);
    }

    /// <inheritdoc />
    public override async Task<object?> FitAsync(TrainingEvent trainingEvent, CancellationToken cancellationToken)
    {
        if (fineTuned.IsConfigured)
        {
            return new { Trained = false, Reason = "BERT_ONNX_DIR is set: the fine-tuned ONNX model predicts and is not retrained here." };
        }

        var tag = Config.FirstTag("Choices", "Text");
        var update = await ExampleUpdate<ClassifierExample>.ApplyAsync(
            trainingEvent, labelStudio, Artifacts.ProjectDirectory, ExamplesFile, State, PendingKey,
            async (annotated, cancel) =>
            {
                var pending = new List<(int Index, long? AnnotationId, string Label, string Text)>();
                for (var i = 0; i < annotated.Count; i++)
                {
                    var (task, annotation) = annotated[i];
                    var choice = AnnotationResults.Of(annotation, tag.FromName).SelectMany(result => AnnotationResults.Strings(result, "choices")).FirstOrDefault();
                    var text = choice is null ? null : await TaskData.ReadTextAsync(task, Config.GetObject(tag.ToName), cancel);
                    if (choice is not null && !string.IsNullOrWhiteSpace(text))
                    {
                        pending.Add((i, AnnotationResults.Id(annotation), choice, text));
                    }
                }

                trainingEvent.ReportProgress(0.1, $"embedding {pending.Count} annotated texts");
                var embeddings = encoder.Embed([.. pending.Select(example => example.Text)]);
                var examples = new ClassifierExample?[annotated.Count];
                for (var i = 0; i < pending.Count; i++)
                {
                    examples[pending[i].Index] = new ClassifierExample(pending[i].AnnotationId, pending[i].Label, embeddings[i]);
                }

                return examples;
            },
            cancellationToken);
        var store = update.Store;
        var classes = store.Examples.Values.Select(example => example.Label).Distinct(StringComparer.Ordinal).Count();
        if (!update.IsDue(settings.TrainEvery) || classes < 2)
        {
            update.Defer();
            return new
            {
                Trained = false,
                Examples = store.Examples.Count,
                Reason = classes < 2 ? "training needs annotated examples of at least two classes" : $"{update.Changes} of {settings.TrainEvery} changes before the next training",
            };
        }

        trainingEvent.ReportProgress(0.6, $"training the head on {store.Examples.Count} examples");
        var examples = store.Examples.Values.ToList();
        var head = SoftmaxHead.Train([.. examples.Select(example => example.Embedding)], [.. examples.Select(example => example.Label)]);
        cancellationToken.ThrowIfCancellationRequested();
        using var draft = Artifacts.CreateDraft();
        head.Save(Path.Combine(draft.Directory, HeadFile));
        var version = draft.Commit();
        update.Trained();
        return new { Trained = true, Examples = examples.Count, Classes = head.Labels, ModelVersion = version };
    }

    /// <summary>
    /// The class names and, per text, their probabilities (<see langword="null"/> for an empty text), from the fine-tuned
    /// model or the trained head in one batched call; no labels when there is neither.
    /// </summary>
    private (IReadOnlyList<string>? Labels, double[]?[] Probabilities) Classify(List<string?> texts)
    {
        var present = texts.Select((text, index) => (text, index)).Where(item => item.text is not null).ToList();
        var probabilities = new double[]?[texts.Count];
        IReadOnlyList<string> labels;
        if (fineTuned.IsConfigured)
        {
            labels = fineTuned.Folder.Labels;
            var rows = present.Count == 0 ? [] : fineTuned.Classify([.. present.Select(item => item.text!)]);
            for (var i = 0; i < present.Count; i++)
            {
                probabilities[present[i].index] = rows[i];
            }

            return (labels, probabilities);
        }

        if (Artifacts.CurrentDirectory is not { } directory || !File.Exists(Path.Combine(directory, HeadFile)))
        {
            return (null, probabilities);
        }

        var head = heads.Get(directory, folder => SoftmaxHead.Load(Path.Combine(folder, HeadFile)));
        var embeddings = encoder.Embed([.. present.Select(item => item.text!)]);
        for (var i = 0; i < present.Count; i++)
        {
            probabilities[present[i].index] = head.Probabilities(embeddings[i]);
        }

        return (head.Labels, probabilities);
    }

    /// <summary>The most probable class that the label config knows, or -1 when it knows none.</summary>
    private static int BestKnown(double[] probabilities, IReadOnlyList<string> labels, IReadOnlyDictionary<string, string> labelMap)
    {
        var best = -1;
        for (var k = 0; k < labels.Count; k++)
        {
            if (labelMap.ContainsKey(labels[k]) && (best < 0 || probabilities[k] > probabilities[best]))
            {
                best = k;
            }
        }

        return best;
    }
}
