using System.Globalization;
using LabelStudio.ML;
using LabelStudio.ML.Examples.Text;

namespace Gliner;

/// <summary>
/// Zero-shot named-entity recognition (<c>Labels</c> → <c>Text</c>): the entity types are the labels of the label
/// config, so a project can name any types it likes. A GLiNER ONNX model (<c>GLINER_MODEL_DIR</c>) rates every span of
/// up to <c>max_width</c> words for every label; without one, the MiniLM similarity fallback rates candidate phrases.
/// Spans above the threshold are decoded flat (no overlaps, best first). START_TRAINING tunes the threshold on the
/// project's annotated tasks (best span F1), stores it in the project's state and bumps the model version.
/// </summary>
[AdaptiveBatching]
public sealed class GlinerModel(ISpanScorer scorer, LabelStudioClient labelStudio) : LabelStudioModel
{
    /// <summary>The project's tuned threshold (state key).</summary>
    public const string ThresholdKey = "gliner.threshold";

    /// <summary>Which scorer the stored threshold was tuned for (state key): a threshold of one scorer means nothing to the other.</summary>
    public const string ThresholdScorerKey = "gliner.threshold_scorer";

    /// <inheritdoc />
    public override async Task<ModelResponse?> PredictAsync(PredictRequest request, CancellationToken cancellationToken)
    {
        var (tag, labels) = Labels();
        var texts = new List<string>(request.Tasks.Count);
        foreach (var task in request.Tasks)
        {
            texts.Add(await TaskData.ReadTextAsync(task, Config.GetObject(tag.ToName), cancellationToken));
        }

        var threshold = Threshold();
        var scored = scorer.Score(texts, labels);
        var predictions = new List<Prediction>(texts.Count);
        for (var i = 0; i < texts.Count; i++)
        {
            var regions = new List<Region>();
            var scores = new List<double>();
            foreach (var span in FlatSpanDecoder.Decode(scored[i].Candidates, threshold))
            {
                var start = scored[i].Words[span.FirstWord].Start;
                regions.Add(Region.Span(tag, texts[i], start, scored[i].Words[span.LastWord].End - start, [labels[span.Label].Label]).WithScore(span.Score));
                scores.Add(span.Score);
            }

            predictions.Add(new Prediction(regions, scores.Count == 0 ? 0 : scores.Average()));
        }

        return new ModelResponse(predictions);
    }

    /// <inheritdoc />
    public override async Task<object?> FitAsync(TrainingEvent trainingEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(trainingEvent);
        if (!trainingEvent.FoldedEvents.Any(e => e.Action == TrainingEvent.StartTraining))
        {
            return new { Trained = false, Reason = "zero-shot: nothing to learn from single annotations; START_TRAINING tunes the threshold on all of them" };
        }

        var (tag, labels) = Labels();
        var input = await TrainingInput.GatherAsync(trainingEvent, labelStudio, cancellationToken);
        var texts = new List<string>();
        var golds = new List<IReadOnlySet<(int, int, string)>>();
        foreach (var (task, annotation) in input.Tasks)
        {
            var text = await TaskData.ReadTextAsync(task, Config.GetObject(tag.ToName), cancellationToken);
            if (annotation is null || string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            texts.Add(text);
            golds.Add(AnnotationResults.Of(annotation, tag.FromName)
                .Select(result => (Start: AnnotationResults.Offset(result, "start"), End: AnnotationResults.Offset(result, "end"), Labels: AnnotationResults.Strings(result, "labels")))
                .Where(span => span.Start is not null && span.End > span.Start && span.Labels.Count > 0)
                .Select(span => (span.Start!.Value, span.End!.Value, span.Labels[0]))
                .ToHashSet());
        }

        if (golds.All(gold => gold.Count == 0))
        {
            return new { Trained = false, Tasks = texts.Count, Reason = "no annotated entity yet" };
        }

        trainingEvent.ReportProgress(0.2, $"rating the spans of {texts.Count} annotated texts");
        var scored = scorer.Score(texts, labels);
        cancellationToken.ThrowIfCancellationRequested();
        var examples = texts.Select((text, i) => (Decode: (Func<double, IEnumerable<(int, int, string)>>)(threshold => CodePointSpans(text, scored[i], labels, threshold)), Gold: golds[i])).ToList();
        var (tuned, f1) = ThresholdTuner.Tune(examples, scored.SelectMany(s => s.Candidates.Select(c => c.Score)));
        var before = ThresholdTuner.F1(examples, Threshold());
        State.Set(ThresholdKey, tuned.ToString("R", CultureInfo.InvariantCulture));
        State.Set(ThresholdScorerKey, scorer.Name);
        var version = BumpModelVersion();
        return new { Trained = true, Scorer = scorer.Name, Tasks = texts.Count, Threshold = tuned, F1 = f1, F1Before = before, ModelVersion = version };
    }

    /// <summary>The stored threshold when it was tuned for this scorer, else the scorer's default.</summary>
    private double Threshold() =>
        State.Get(ThresholdScorerKey) == scorer.Name && double.TryParse(State.Get(ThresholdKey), NumberStyles.Float, CultureInfo.InvariantCulture, out var tuned)
            ? tuned
            : scorer.DefaultThreshold;

    private (TagMatch Tag, IReadOnlyList<EntityPrompt> Labels) Labels()
    {
        var tag = Config.FirstTag("Labels", "Text");
        return (tag, EntityPrompt.Of(Config.GetControl(tag.FromName)));
    }

    /// <summary>The decoded spans as Label Studio stores them: code-point start and end, and the label.</summary>
    private static IEnumerable<(int, int, string)> CodePointSpans(string text, ScoredText scored, IReadOnlyList<EntityPrompt> labels, double threshold) =>
        FlatSpanDecoder.Decode(scored.Candidates, threshold).Select(span => (
            TextOffsets.ToCodePointIndex(text, scored.Words[span.FirstWord].Start),
            TextOffsets.ToCodePointIndex(text, scored.Words[span.LastWord].End),
            labels[span.Label].Label));
}
