namespace LabelStudio.ML.Examples.Vision;

/// <summary>
/// The prediction of the Segment Anything examples: the smart-tool prompt of the request (<see cref="SmartToolPrompt"/>)
/// segmented in each task's image by an <see cref="IPromptSegmenter"/>, answered as one <c>brushlabels</c> region
/// (Label Studio RLE) with the label the labeler picked.
/// </summary>
public static class InteractiveSegmentation
{
    /// <summary>Answers <paramref name="request"/> for <paramref name="model"/>; a call without a smart-tool prompt gets no predictions.</summary>
    /// <returns>One prediction per task.</returns>
    /// <exception cref="AnswerException">422: the config has no BrushLabels for the image, the prompt has no positive point or box, or an image is bad.</exception>
    public static async Task<ModelResponse> PredictAsync(
        LabelStudioModel model, PredictRequest request, IPromptSegmenter segmenter, TaskImageLoader images, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(segmenter);
        ArgumentNullException.ThrowIfNull(images);
        if (SmartToolPrompt.From(request) is not { } prompt)
        {
            // Segment Anything is interactive only: without clicks there is nothing to segment.
            return ModelResponse.Empty;
        }

        var brush = ImageControls.Find(model.Config, "BrushLabels", prompt.ToName)
            ?? throw new AnswerException(422, "The labeling config has no BrushLabels control for the image; the mask needs one (see the example's README for the config).");
        var tag = brush.Match(brush.ToNames.Contains(prompt.ToName) ? prompt.ToName : null);
        List<string> labels = prompt.Label is { } label ? [label] : [];
        var predictions = new List<Prediction>(request.Tasks.Count);
        foreach (var task in request.Tasks)
        {
            cancellationToken.ThrowIfCancellationRequested();
            using var image = await images.LoadAsync(model.TaskData, task, model.Config.GetObject(tag.ToName), cancellationToken).ConfigureAwait(false);
            var pixels = prompt.ToPixels(image);
            if (pixels.IsEmpty)
            {
                throw new AnswerException(422, $"Task {task.Id}: the prompt has only negative points; click the object (a positive point) or draw a box around it.");
            }

            var mask = segmenter.Segment(image, pixels);
            if (!mask.Mask.AsSpan().ContainsAnyExcept((byte)0))
            {
                predictions.Add(new Prediction([], 0));
                continue;
            }

            var region = Region.BrushLabels(tag, image.Size, mask.Mask, labels);
            predictions.Add(mask.Score is { } score ? new Prediction([region.WithScore(score)], score) : new Prediction([region]));
        }

        return new ModelResponse(predictions);
    }
}
