using System.Text.Json.Nodes;
using LabelStudio.ML.Examples.Text;

namespace Yolo;

/// <summary>
/// The YOLO backend: one sub-model per control of the label config, chosen by the control's tag as the original
/// chooses them — <c>RectangleLabels</c> (boxes; rotated with <c>model_obb="true"</c>), <c>PolygonLabels</c>,
/// <c>Choices</c>, <c>KeyPointLabels</c> on images, <c>VideoRectangle</c> and <c>TimelineLabels</c> on videos.
/// A control names its Ultralytics ONNX export with <c>model_path</c> (relative to MODEL_ROOT); without one it uses
/// the offline default: OpenCV cascades, cascade + GrabCut, a ResNet18 head trained from annotations, CSRT tracking.
/// A task's regions are those of all controls; its score is their mean score.
/// </summary>
public sealed class YoloModel(YoloRuntime runtime, LabelStudioClient labelStudio) : LabelStudioModel
{
    private const string PendingKeyPrefix = "yolo.changes_since_training.";

    /// <inheritdoc />
    public override async Task<ModelResponse?> PredictAsync(PredictRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var controls = Controls();
        var predictions = new List<Prediction>(request.Tasks.Count);
        foreach (var task in request.Tasks)
        {
            using var media = new TaskMedia(task, TaskData, runtime.Images, Config);
            var regions = new List<Region>();
            foreach (var control in controls)
            {
                var part = new ControlRequest(control, media, Config, Artifacts.CurrentDirectory, request.ContextRegions);
                regions.AddRange(control.Kind switch
                {
                    ControlKind.Rectangles or ControlKind.OrientedRectangles => await RectanglePredictor.PredictAsync(part, runtime, cancellationToken),
                    ControlKind.Polygons => await PolygonPredictor.PredictAsync(part, runtime, cancellationToken),
                    ControlKind.Choices => await ChoicesPredictor.PredictAsync(part, runtime, cancellationToken),
                    ControlKind.Keypoints => await KeypointPredictor.PredictAsync(part, runtime, cancellationToken),
                    ControlKind.VideoRectangles => await VideoRectanglePredictor.PredictAsync(part, runtime, cancellationToken),
                    _ => await TimelinePredictor.PredictAsync(part, runtime, cancellationToken),
                });
            }

            var scores = regions.Select(region => region.ToJson()["score"]).OfType<JsonValue>().Select(score => score.GetValue<double>()).ToList();
            predictions.Add(new Prediction(regions, scores.Count == 0 ? 0 : scores.Average()));
        }

        return new ModelResponse(predictions);
    }

    /// <inheritdoc />
    public override async Task<object?> FitAsync(TrainingEvent trainingEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(trainingEvent);
        var trainable = Controls().Where(IsTrainable).ToList();
        if (trainable.Count == 0)
        {
            return new { Trained = false, Reason = "no control is trained here: only Choices without model_path and TimelineLabels learn from annotations" };
        }

        var heads = new Dictionary<string, SoftmaxHead>(StringComparer.Ordinal);
        var report = new List<object>();
        foreach (var control in trainable)
        {
            var (vectors, labels) = control.Kind == ControlKind.Choices
                ? await ImageExamplesAsync(trainingEvent, control, cancellationToken)
                : await VideoExamplesAsync(trainingEvent, control, cancellationToken);
            var classes = labels.Distinct(StringComparer.Ordinal).Count();
            if (classes < 2)
            {
                report.Add(new { Control = control.Control.Name, Trained = false, Examples = vectors.Count, Reason = "training needs examples of at least two classes" });
                continue;
            }

            heads[control.Control.Name] = SoftmaxHead.Train(vectors, labels);
            report.Add(new { Control = control.Control.Name, Trained = true, Examples = vectors.Count, Classes = classes });
        }

        if (heads.Count == 0)
        {
            return new { Trained = false, Controls = report };
        }

        cancellationToken.ThrowIfCancellationRequested();
        using var draft = Artifacts.CreateDraft();
        // Heads of controls not retrained now carry over from the current version.
        if (Artifacts.CurrentDirectory is { } current && Directory.Exists(current))
        {
            foreach (var file in Directory.EnumerateFiles(current, "head-*.json"))
            {
                File.Copy(file, Path.Combine(draft.Directory, Path.GetFileName(file)));
            }
        }

        foreach (var (name, head) in heads)
        {
            head.Save(Path.Combine(draft.Directory, ControlRequest.HeadFile(name)));
        }

        var version = draft.Commit();
        return new { Trained = true, ModelVersion = version, Controls = report };
    }

    private static bool IsTrainable(YoloControl control) =>
        (control.Kind == ControlKind.Choices && control.ModelPath is null)
        || (control.Kind == ControlKind.Timeline && (control.ModelPath is null || control.Flag("model_trainable", false)));

    private IReadOnlyList<YoloControl> Controls()
    {
        var controls = YoloControl.From(Config, runtime.Settings);
        return controls.Count > 0
            ? controls
            : throw new AnswerException(
                422,
                "The label config has no control this backend predicts for: use RectangleLabels, PolygonLabels, Choices or KeyPointLabels on an Image, " +
                "or VideoRectangle or TimelineLabels on a Video (and no model_skip=\"true\").");
    }

    private async Task<(List<float[]> Vectors, List<string> Labels)> ImageExamplesAsync(TrainingEvent trainingEvent, YoloControl control, CancellationToken cancellationToken)
    {
        var update = await ExampleUpdate<ImageExample>.ApplyAsync(
            trainingEvent, labelStudio, Artifacts.ProjectDirectory, $"examples-{control.Control.Name}.json", State, PendingKeyPrefix + control.Control.Name,
            async (annotated, cancel) =>
            {
                var examples = new ImageExample?[annotated.Count];
                for (var i = 0; i < annotated.Count; i++)
                {
                    var (task, annotation) = annotated[i];
                    var choice = AnnotationResults.Of(annotation, control.Control.Name).SelectMany(result => AnnotationResults.Strings(result, "choices")).FirstOrDefault();
                    if (choice is null)
                    {
                        continue;
                    }

                    using var media = new TaskMedia(task, TaskData, runtime.Images, Config);
                    var image = await media.ImageAsync(control.Tag.ToName, cancel);
                    examples[i] = new ImageExample(AnnotationResults.Id(annotation), choice, runtime.Features.Features(image.Pixels));
                }

                return examples;
            },
            cancellationToken);
        update.Trained();
        var stored = update.Store.Examples.Values.ToList();
        return ([.. stored.Select(e => e.Features)], [.. stored.Select(e => e.Label)]);
    }

    private async Task<(List<float[]> Vectors, List<string> Labels)> VideoExamplesAsync(TrainingEvent trainingEvent, YoloControl control, CancellationToken cancellationToken)
    {
        var update = await ExampleUpdate<VideoExample>.ApplyAsync(
            trainingEvent, labelStudio, Artifacts.ProjectDirectory, $"examples-{control.Control.Name}.json", State, PendingKeyPrefix + control.Control.Name,
            async (annotated, cancel) =>
            {
                var examples = new VideoExample?[annotated.Count];
                for (var i = 0; i < annotated.Count; i++)
                {
                    var (task, annotation) = annotated[i];
                    var ranges = AnnotationResults.Of(annotation, control.Control.Name)
                        .SelectMany(result => (result["value"]?["ranges"] as JsonArray ?? []).OfType<JsonObject>()
                            .Select(range => (Start: Frame(range, "start"), End: Frame(range, "end"), Labels: AnnotationResults.Strings(result, "timelinelabels"))))
                        .ToList();
                    if (ranges.Count == 0)
                    {
                        continue;
                    }

                    using var media = new TaskMedia(task, TaskData, runtime.Images, Config);
                    using var video = await media.OpenVideoAsync(control.Tag.ToName, cancel);
                    var features = TimelinePredictor.Sampled(video, runtime.Settings.MaxVideoFrames, runtime.Features.Features, cancel);
                    var frames = new List<FrameExample>();
                    for (var f = 0; f < features.Count; f++)
                    {
                        var number = f + 1;
                        var labels = ranges.Where(r => r.Start <= number && number <= r.End).SelectMany(r => r.Labels).Distinct(StringComparer.Ordinal).ToList();
                        frames.AddRange(labels.Count == 0 ? [new FrameExample(TimelinePredictor.Background, features[f])] : labels.Select(label => new FrameExample(label, features[f])));
                    }

                    examples[i] = new VideoExample(AnnotationResults.Id(annotation), frames);
                }

                return examples;
            },
            cancellationToken);
        update.Trained();
        var frames = update.Store.Examples.Values.SelectMany(e => e.Frames).ToList();
        return ([.. frames.Select(f => f.Features)], [.. frames.Select(f => f.Label)]);
    }

    private static int Frame(JsonObject range, string key) =>
        range[key] is JsonValue value && value.TryGetValue<double>(out var number) ? (int)Math.Round(number) : 0;
}
