using LabelStudio.ML;
using LabelStudio.ML.Examples.Vision;

namespace GroundingDino;

/// <summary>
/// Zero-shot detection from a text prompt: the labeler types what to find ("face", "eye . smile") into the prompt
/// box, and every match comes back as a RectangleLabels box labeled with the config label the phrase names. The
/// prompt and thresholds of the last saved annotation are kept per project, so that batch pre-annotation (no
/// prompt in the request) runs with them and shows them in the prompt and threshold fields.
/// </summary>
public sealed class GroundingDinoModel(IGroundedDetector detector, GroundingSettings settings, TaskImageLoader images) : LabelStudioModel
{
    /// <summary>Where the last annotation's prompt is kept in the project's store.</summary>
    internal const string PromptKey = "grounding_prompt";

    /// <inheritdoc />
    public override async Task<ModelResponse?> PredictAsync(PredictRequest request, CancellationToken cancellationToken)
    {
        var prompt = GroundingPrompt.From(request.ContextRegions);
        var fromStore = prompt is null;
        prompt ??= GroundingPrompt.FromJson(await State.GetAsync(PromptKey, cancellationToken));
        if (prompt is null)
        {
            // No prompt typed and none kept from an annotation: nothing to look for.
            return ModelResponse.Empty;
        }

        var boxes = ImageControls.Find(Config, "RectangleLabels", prompt.ToName)
            ?? throw new AnswerException(422, "The labeling config has no RectangleLabels control for the image; the boxes need one (see the example's README).");
        var tag = boxes.Match(prompt.ToName is { } name && boxes.ToNames.Contains(name) ? name : null);
        var thresholds = prompt.Thresholds(settings.Thresholds);
        var predictions = new List<Prediction>(request.Tasks.Count);
        foreach (var task in request.Tasks)
        {
            cancellationToken.ThrowIfCancellationRequested();
            using var image = await images.LoadAsync(TaskData, task, Config.GetObject(tag.ToName), cancellationToken);
            var detections = detector.Detect(image, prompt.Text, thresholds);
            var regions = detections
                .Select(d => Region.RectangleLabelsFromPixels(tag, image.Size, d.Box.X, d.Box.Y, d.Box.Width, d.Box.Height, PhraseLabels.Match(boxes, d.Label)).WithScore(d.Score))
                .ToList();
            if (fromStore)
            {
                regions.AddRange(Echo(prompt, thresholds, tag.ToName));
            }

            predictions.Add(new Prediction(regions, detections.Count == 0 ? 0 : detections.Average(d => d.Score)));
        }

        return new ModelResponse(predictions);
    }

    /// <summary>Keeps the prompt and thresholds of a saved annotation for later batch pre-annotation (the original's "fit").</summary>
    public override async Task<object?> FitAsync(TrainingEvent trainingEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(trainingEvent);
        GroundingPrompt? latest = null;
        foreach (var folded in trainingEvent.FoldedEvents)
        {
            if (folded.Action is TrainingEvent.AnnotationCreated or TrainingEvent.AnnotationUpdated
                && folded.Annotation?["result"] is System.Text.Json.Nodes.JsonArray result
                && GroundingPrompt.From(result.OfType<System.Text.Json.Nodes.JsonObject>()) is { } prompt)
            {
                latest = prompt;
            }
        }

        if (latest is null)
        {
            return new { Stored = false, Reason = "the annotation has no prompt" };
        }

        await State.SetAsync(PromptKey, latest.ToJson(), cancellationToken);
        return new { Stored = true, Prompt = latest.Text };
    }

    /// <summary>The prompt in its TextArea and the thresholds in their Number fields, so the editor shows what was used.</summary>
    private IEnumerable<Region> Echo(GroundingPrompt prompt, GroundingThresholds thresholds, string image)
    {
        if ((prompt.FromName is { } name && Config.TryGetControl(name, out var stored) ? stored : ImageControls.Find(Config, "TextArea", image)) is { } textArea)
        {
            yield return Region.TextArea(textArea.Match(textArea.ToNames.Contains(image) ? image : null), prompt.Text);
        }

        foreach (var number in Config.Controls.Where(c => c.Tag.Equals("Number", StringComparison.OrdinalIgnoreCase)))
        {
            var value = number.Name.StartsWith("box_threshold", StringComparison.OrdinalIgnoreCase) ? thresholds.Box
                : number.Name.StartsWith("text_threshold", StringComparison.OrdinalIgnoreCase) ? thresholds.Text
                : (double?)null;
            if (value is { } threshold)
            {
                yield return Region.Number(number.Match(), threshold);
            }
        }
    }
}
