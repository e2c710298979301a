using LabelStudio.ML.Examples.Vision;

namespace MmDetection;

/// <summary>
/// Object detection for <c>RectangleLabels</c> on an <c>Image</c>: the user's detector exported to ONNX (mmdeploy's
/// <c>dets</c>/<c>labels</c> layout or an Ultralytics one), its classes mapped to the config's labels through
/// <c>predicted_values</c> or a case-insensitive name match; offline, the OpenCV cascades the labels name. Detections
/// below SCORE_THRESHOLD are dropped; a task's score is the mean of its boxes' scores. Nothing is trained.
/// </summary>
public sealed class MmDetectionModel(UserDetector user, CascadeDetector cascades, TaskImageLoader images, DetectorSettings settings) : LabelStudioModel
{
    /// <inheritdoc />
    public override async Task<ModelResponse?> PredictAsync(PredictRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var tag = Config.FirstTag("RectangleLabels", "Image");
        var control = Config.GetControl(tag.FromName);
        var labels = user.Detector is { } detector ? ModelLabelMap.For(Config, tag.FromName, detector.Names) : null;
        var predictions = new List<Prediction>(request.Tasks.Count);
        foreach (var task in request.Tasks)
        {
            using var image = await images.LoadAsync(TaskData, task, Config.GetObject(tag.ToName), cancellationToken);
            var found = user.Detector is { } model
                ? [.. model.Detect(image.Pixels, settings.ScoreThreshold)
                    .Select(d => labels!.TryGetLabel(d.Label, out var label) ? d with { Label = label } : null)
                    .OfType<Detection>()]
                : CascadeLabels.Detect(cascades, control, image.Pixels, settings.ScoreThreshold);
            var regions = found
                .Select(d => Region.RectangleLabelsFromPixels(tag, image.Size, d.Box.X, d.Box.Y, d.Box.Width, d.Box.Height, [d.Label]).WithScore(d.Score))
                .ToList();
            predictions.Add(new Prediction(regions, found.Count == 0 ? 0 : found.Average(d => d.Score)));
        }

        return new ModelResponse(predictions);
    }
}
