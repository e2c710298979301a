using System.Globalization;
using System.Text.Json.Nodes;
using LabelStudio.ML.Examples.Vision;
using OpenCvSharp;

namespace Yolo;

/// <summary>
/// Keypoints for <c>KeyPointLabels</c>, linked to their object's box as the original does: each label says which
/// model class and keypoint index it stands for (<c>predicted_values="person" model_index="0"</c>); each object
/// scoring at least the threshold gets a hidden <c>rectanglelabels</c> box with id <c>bbox-i</c> from the control
/// <c>&lt;name&gt;_bbox</c> (when <c>model_add_bboxes</c> is on and the config has that control), and its keypoints
/// whose confidence reaches <c>model_point_threshold</c> become <c>keypointlabels</c> with <c>parentID</c>
/// <c>bbox-i</c>, <c>meta.text ["bbox-i"]</c> and width <c>model_point_size</c> pixels. Offline, the face cascade
/// finds a "person" box and the eye cascade the COCO eye keypoints inside it (index 1 left eye, 2 right eye — the
/// person's left, which is on the image's right).
/// </summary>
public static class KeypointPredictor
{
    /// <summary>COCO's keypoint indexes of the eyes.</summary>
    private const int LeftEye = 1, RightEye = 2;

    /// <summary>The keypoints (and their boxes) of one task.</summary>
    /// <returns>The regions.</returns>
    public static async Task<IReadOnlyList<Region>> PredictAsync(ControlRequest request, YoloRuntime runtime, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(runtime);
        var control = request.Control;
        var image = await request.Media.ImageAsync(control.Tag.ToName, cancellationToken).ConfigureAwait(false);
        var pointMap = PointMap(control.Control);
        var classes = pointMap.Keys.Select(key => key.Class).ToHashSet(StringComparer.Ordinal);
        var objects = control.ModelPath is { } path
            ? runtime.Models.Get(path, YoloTask.Pose, control, request.Media.Task).Detect(image.Pixels, (float)control.Threshold)
            : FacesWithEyes(runtime.Cascades, image.Pixels, control.Threshold);
        var boxControl = control.Control.Name + "_bbox";
        var addBoxes = control.Flag("model_add_bboxes", true) && request.Config.TryGetControl(boxControl, out _);
        var pointThreshold = control.Number("model_point_threshold", 0);
        var pointWidth = control.Number("model_point_size", 1) / image.Size.Width * 100;
        var regions = new List<Region>();
        for (var i = 0; i < objects.Count; i++)
        {
            var found = objects[i];
            if (found.Score < control.Threshold || !classes.Contains(found.ClassName))
            {
                continue;
            }

            var group = "bbox-" + i.ToString(CultureInfo.InvariantCulture);
            if (addBoxes)
            {
                regions.Add(Region.RectangleLabelsFromPixels(
                        new TagMatch(boxControl, control.Tag.ToName, control.Tag.Value), image.Size, found.X1, found.Y1, found.X2 - found.X1, found.Y2 - found.Y1, [found.ClassName], id: group)
                    .WithScore(found.Score).WithHidden().WithMeta(new JsonObject { ["text"] = new JsonArray(group) }));
            }

            for (var k = 0; k < found.Keypoints.Count; k++)
            {
                var point = found.Keypoints[k];
                if (point.Confidence < pointThreshold || !pointMap.TryGetValue((found.ClassName, k), out var label))
                {
                    continue;
                }

                var region = Region.KeyPointLabels(control.Tag, image.Size, image.Size.ToPercentX(point.X), image.Size.ToPercentY(point.Y), [label], pointWidth)
                    .WithScore(point.Confidence).WithMeta(new JsonObject { ["text"] = new JsonArray(group) });
                regions.Add(addBoxes ? region.WithParent(group) : region);
            }
        }

        return regions;
    }

    /// <summary>(model class, keypoint index) → label, from the labels' <c>predicted_values</c> and <c>model_index</c>.</summary>
    private static Dictionary<(string Class, int Index), string> PointMap(ControlTag control)
    {
        var map = new Dictionary<(string, int), string>();
        foreach (var (label, tag) in control.LabelTags)
        {
            if (tag.Attributes.TryGetValue("model_index", out var text) && int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var index))
            {
                foreach (var modelClass in tag.PredictedValues)
                {
                    map[(modelClass, index)] = label;
                }
            }
        }

        return map;
    }

    private static List<YoloObject> FacesWithEyes(CascadeDetector cascades, Mat image, double threshold)
    {
        var people = new List<YoloObject>();
        foreach (var face in cascades.Detect(image, "face", "person", threshold))
        {
            // Eyes sit in the upper half of a frontal face.
            var upper = new Rect(face.Box.X, face.Box.Y, face.Box.Width, Math.Max(1, face.Box.Height / 2));
            using var crop = new Mat(image, upper);
            var eyes = cascades.Detect(crop, "eye", "eye").Take(2).OrderBy(eye => eye.Box.X).ToList();
            var points = new YoloKeypoint[RightEye + 1];
            for (var k = 0; k < points.Length; k++)
            {
                points[k] = new YoloKeypoint(0, 0, 0);
            }

            if (eyes.Count == 2)
            {
                // The eye on the image's left is the person's right eye.
                points[RightEye] = Centre(eyes[0], upper);
                points[LeftEye] = Centre(eyes[1], upper);
            }

            people.Add(new YoloObject(0, "person", (float)face.Score, face.Box.X, face.Box.Y, face.Box.Right, face.Box.Bottom) { Keypoints = points });
        }

        return people;
    }

    private static YoloKeypoint Centre(Detection eye, Rect offset) =>
        new(offset.X + eye.Box.X + (eye.Box.Width / 2.0), offset.Y + eye.Box.Y + (eye.Box.Height / 2.0), (float)eye.Score);
}
