using System.Text.Json.Nodes;
using LabelStudio.ML.Examples.Text;
using LabelStudio.ML.Examples.Vision;
using OpenCvSharp;
using OpenCvSharp.Tracking;

namespace Yolo;

/// <summary>
/// Tracks for <c>VideoRectangle</c>. When the user has drawn a box (in the interactive context, else in the task's
/// latest annotation), OpenCV's CSRT tracker follows it from its last keyframe to the end of the video and the track
/// keeps the user's keyframes. Otherwise every frame is searched — with a YOLO detect model, or offline with the
/// cascades that the labels of the video's <c>Labels</c> control name — and the detections are linked into tracks
/// (<see cref="IouTracker"/>); one <c>videorectangle</c> per track, disabled after a frame where it is lost, its
/// score the best frame's.
/// </summary>
public static class VideoRectanglePredictor
{
    /// <summary>The tracks of one task.</summary>
    /// <returns>The regions.</returns>
    public static async Task<IReadOnlyList<Region>> PredictAsync(ControlRequest request, YoloRuntime runtime, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(runtime);
        var control = request.Control;
        using var video = await request.Media.OpenVideoAsync(control.Tag.ToName, cancellationToken).ConfigureAwait(false);
        var (width, height, fps) = (video.FrameWidth, video.FrameHeight, VideoFrames.Fps(video));
        var userBox = UserBox(request);
        if (userBox is not null)
        {
            return [Follow(control, video, userBox, width, height, fps, runtime.Settings.MaxVideoFrames, cancellationToken)];
        }

        var labelsControl = request.Config.Controls.FirstOrDefault(c => c.Tag.Equals("Labels", StringComparison.OrdinalIgnoreCase) && c.ToNames.Contains(control.Tag.ToName));
        if (labelsControl is null)
        {
            return [];
        }

        Func<Mat, IReadOnlyList<Detection>> detect;
        if (control.ModelPath is { } path)
        {
            var model = runtime.Models.Get(path, YoloTask.Detect, control, request.Media.Task);
            var labels = ModelLabelMap.For(request.Config, labelsControl.Name, model.Names);
            detect = frame => [.. model.Detect(frame, (float)control.Threshold)
                .Select(o => labels.TryGetLabel(o.ClassName, out var label) ? new Detection(new Rect((int)o.X1, (int)o.Y1, (int)(o.X2 - o.X1), (int)(o.Y2 - o.Y1)), label, o.Score) : null)
                .OfType<Detection>()];
        }
        else
        {
            detect = frame => CascadeLabels.Detect(runtime.Cascades, labelsControl, frame, control.Threshold);
        }

        var tracker = new IouTracker();
        var frames = VideoFrames.ForEach(video, runtime.Settings.MaxVideoFrames, (number, frame) => tracker.Add(number, detect(frame)), cancellationToken);
        var regions = new List<Region>();
        foreach (var track in tracker.Tracks)
        {
            var sequence = new List<VideoKeyframe>();
            for (var i = 0; i < track.Boxes.Count; i++)
            {
                var (frame, box, _) = track.Boxes[i];
                // A keyframe followed by a gap (or the track's end before the video's) switches the box off until the next.
                var next = i + 1 < track.Boxes.Count ? track.Boxes[i + 1].Frame : frames + 1;
                sequence.Add(Keyframe(frame, box, width, height, fps, enabled: next == frame + 1));
            }

            regions.Add(Region.VideoRectangle(control.Tag, sequence, frames, frames / fps, [track.Label]).WithScore(track.Boxes.Max(b => b.Score)));
        }

        return regions;
    }

    private static Region Follow(YoloControl control, VideoCapture video, JsonObject userBox, int width, int height, double fps, int maxFrames, CancellationToken cancellationToken)
    {
        var value = userBox["value"]!.AsObject();
        var keyframes = (value["sequence"] as JsonArray ?? []).OfType<JsonObject>()
            .Select(k => new VideoKeyframe(
                Int(k, "frame"), Number(k, "time"), Number(k, "x"), Number(k, "y"), Number(k, "width"), Number(k, "height"),
                k["enabled"] is not JsonValue enabled || !enabled.TryGetValue<bool>(out var on) || on, Number(k, "rotation")))
            .OrderBy(k => k.Frame)
            .ToList();
        var labels = AnnotationResults.Strings(userBox, "labels");
        var last = keyframes[^1];
        var start = new Rect(
            (int)Math.Round(last.X / 100 * width), (int)Math.Round(last.Y / 100 * height),
            Math.Max(2, (int)Math.Round(last.Width / 100 * width)), Math.Max(2, (int)Math.Round(last.Height / 100 * height)));
        using var tracker = TrackerCSRT.Create();
        var sequence = new List<VideoKeyframe>(keyframes);
        var lost = false;
        var frames = VideoFrames.ForEach(
            video,
            maxFrames,
            (number, frame) =>
            {
                if (number == last.Frame)
                {
                    tracker.Init(frame, start & new Rect(0, 0, width, height));
                }
                else if (number > last.Frame && !lost)
                {
                    var box = new Rect();
                    if (tracker.Update(frame, ref box))
                    {
                        sequence.Add(Keyframe(number, box, width, height, fps, enabled: true));
                    }
                    else
                    {
                        // Lost: the previous keyframe ends the visible track.
                        sequence[^1] = sequence[^1] with { Enabled = false };
                        lost = true;
                    }
                }
            },
            cancellationToken);
        return Region.VideoRectangle(control.Tag, sequence, frames, frames / fps, labels.Count > 0 ? labels : null, userBox["id"]?.GetValue<string>());
    }

    /// <summary>The user's box of this control: from the interactive context, else from the task's latest annotation.</summary>
    private static JsonObject? UserBox(ControlRequest request)
    {
        bool Mine(JsonObject result) =>
            result["type"]?.GetValue<string>() == "videorectangle"
            && result["from_name"]?.GetValue<string>() == request.Control.Control.Name
            && result["value"]?["sequence"] is JsonArray { Count: > 0 };
        var fromContext = request.Context.LastOrDefault(Mine);
        if (fromContext is not null)
        {
            return fromContext;
        }

        return AnnotationResults.Latest(request.Media.Task) is { } annotation
            ? (annotation["result"] as JsonArray ?? []).OfType<JsonObject>().LastOrDefault(Mine)
            : null;
    }

    private static VideoKeyframe Keyframe(int frame, Rect box, int width, int height, double fps, bool enabled) =>
        new(frame, (frame - 1) / fps, box.X * 100.0 / width, box.Y * 100.0 / height, box.Width * 100.0 / width, box.Height * 100.0 / height, enabled);

    private static double Number(JsonObject item, string key) =>
        item[key] is JsonValue value && value.TryGetValue<double>(out var number) ? number : 0;

    private static int Int(JsonObject item, string key) => (int)Math.Round(Number(item, key));
}
