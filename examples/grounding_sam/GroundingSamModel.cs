using LabelStudio.ML;
using LabelStudio.ML.Examples.Vision;

namespace GroundingSam;

/// <summary>
/// Text prompt → boxes → masks: the objects the labeler's prompt names are found by the grounded detector (Grounding
/// DINO ONNX, or OpenCV cascades) and each box is segmented (Segment Anything ONNX, or GrabCut inside the box). The
/// masks come back as BrushLabels regions (Label Studio RLE) labeled with the config label the phrase names; a
/// config without BrushLabels gets the boxes as RectangleLabels instead.
/// </summary>
public sealed class GroundingSamModel(IGroundedDetector detector, IPromptSegmenter segmenter, GroundingSettings settings, TaskImageLoader images) : LabelStudioModel
{
    /// <inheritdoc />
    public override async Task<ModelResponse?> PredictAsync(PredictRequest request, CancellationToken cancellationToken)
    {
        if (GroundingPrompt.From(request.ContextRegions) is not { } prompt)
        {
            // As the original: only an interactive prompt says what to look for.
            return ModelResponse.Empty;
        }

        var output = ImageControls.Find(Config, "BrushLabels", prompt.ToName) ?? ImageControls.Find(Config, "RectangleLabels", prompt.ToName)
            ?? throw new AnswerException(422, "The labeling config has neither a BrushLabels nor a RectangleLabels control for the image (see the example's README).");
        var brush = output.Tag.Equals("BrushLabels", StringComparison.OrdinalIgnoreCase);
        var tag = output.Match(prompt.ToName is { } name && output.ToNames.Contains(name) ? name : null);
        var thresholds = prompt.Thresholds(settings.Thresholds);
        var predictions = new List<Prediction>(request.Tasks.Count);
        foreach (var task in request.Tasks)
        {
            cancellationToken.ThrowIfCancellationRequested();
            using var image = await images.LoadAsync(TaskData, task, Config.GetObject(tag.ToName), cancellationToken);
            var regions = new List<Region>();
            var scores = new List<double>();
            foreach (var detection in detector.Detect(image, prompt.Text, thresholds))
            {
                var labels = PhraseLabels.Match(output, detection.Label);
                if (!brush)
                {
                    var box = detection.Box;
                    regions.Add(Region.RectangleLabelsFromPixels(tag, image.Size, box.X, box.Y, box.Width, box.Height, labels).WithScore(detection.Score));
                    scores.Add(detection.Score);
                    continue;
                }

                var mask = segmenter.Segment(image, SegmentPrompt.ForBox(detection.Box));
                if (mask.Mask.AsSpan().ContainsAnyExcept((byte)0))
                {
                    // SAM's predicted IoU when there is one, else the detection's score.
                    var score = mask.Score ?? detection.Score;
                    regions.Add(Region.BrushLabels(tag, image.Size, mask.Mask, labels).WithScore(score));
                    scores.Add(score);
                }
            }

            predictions.Add(new Prediction(regions, scores.Count == 0 ? 0 : scores.Average()));
        }

        return new ModelResponse(predictions);
    }
}
