using LabelStudio.ML.Examples.Vision;
using OpenCvSharp;

namespace Yolo;

/// <summary>
/// Frame ranges for <c>TimelineLabels</c>: each frame is classified — by the head trained from the project's
/// timeline annotations over ResNet18 features, or by a YOLO classify model — and the runs of frames where a label's
/// probability reaches the threshold become <c>timelinelabels</c> ranges (1-based, inclusive), with ids
/// <c>label_start_end</c>.
/// </summary>
public static class TimelinePredictor
{
    /// <summary>The label the head learns for frames no range covers.</summary>
    public const string Background = "__background__";

    /// <summary>Videos longer than this many frames are classified every n-th frame, the frames between taking the last result.</summary>
    public const int FramesClassifiedAtMost = 300;

    /// <summary>The ranges of one task.</summary>
    /// <returns>The regions.</returns>
    public static async Task<IReadOnlyList<Region>> PredictAsync(ControlRequest request, YoloRuntime runtime, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(runtime);
        var control = request.Control;
        Func<Mat, double[]> classify;
        IReadOnlyList<string> classes;
        if (request.Head(runtime) is { } head)
        {
            classes = head.Labels;
            classify = frame => head.Probabilities(runtime.Features.Features(frame));
        }
        else if (control.ModelPath is { } path)
        {
            var model = runtime.Models.Get(path, YoloTask.Classify, control, request.Media.Task);
            classes = model.Names;
            classify = frame => [.. model.Classify(frame).Select(p => (double)p)];
        }
        else
        {
            return [];
        }

        using var video = await request.Media.OpenVideoAsync(control.Tag.ToName, cancellationToken).ConfigureAwait(false);
        var perFrame = Sampled(video, runtime.Settings.MaxVideoFrames, classify, cancellationToken);
        var labels = ModelLabelMap.For(request.Config, control.Control.Name, classes);
        var regions = new List<Region>();
        for (var k = 0; k < classes.Count; k++)
        {
            if (!labels.TryGetLabel(classes[k], out var label))
            {
                continue;
            }

            foreach (var (start, end) in Runs(perFrame.Select(p => p[k] >= control.Threshold).ToList()))
            {
                var mean = perFrame.Skip(start - 1).Take(end - start + 1).Average(p => p[k]);
                regions.Add(Region.TimelineLabels(control.Tag, [(start, end)], [label], $"{label}_{start}_{end}").WithScore(mean));
            }
        }

        return regions;
    }

    /// <summary>
    /// <paramref name="visit"/>'s result for every frame of the video; long videos are visited every n-th frame
    /// (at most <see cref="FramesClassifiedAtMost"/> visits) and the frames between repeat the last result.
    /// </summary>
    /// <returns>One result per frame, frame 1 first.</returns>
    public static List<T> Sampled<T>(VideoCapture video, int maxFrames, Func<Mat, T> visit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(video);
        ArgumentNullException.ThrowIfNull(visit);
        var total = Math.Min(maxFrames, Math.Max(1, video.FrameCount));
        var step = Math.Max(1, (int)Math.Ceiling(total / (double)FramesClassifiedAtMost));
        var results = new List<T>();
        VideoFrames.ForEach(
            video,
            maxFrames,
            (number, frame) => results.Add((number - 1) % step == 0 || results.Count == 0 ? visit(frame) : results[^1]),
            cancellationToken);
        return results;
    }

    /// <summary>The runs of true values as 1-based inclusive (start, end) frame ranges.</summary>
    /// <returns>The ranges in order.</returns>
    public static IReadOnlyList<(int Start, int End)> Runs(IReadOnlyList<bool> on)
    {
        ArgumentNullException.ThrowIfNull(on);
        var runs = new List<(int, int)>();
        var start = -1;
        for (var i = 0; i <= on.Count; i++)
        {
            var active = i < on.Count && on[i];
            if (active && start < 0)
            {
                start = i;
            }
            else if (!active && start >= 0)
            {
                runs.Add((start + 1, i));
                start = -1;
            }
        }

        return runs;
    }
}
