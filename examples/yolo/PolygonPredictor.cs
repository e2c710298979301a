using LabelStudio.ML.Examples.Vision;

namespace Yolo;

/// <summary>
/// Outlines for <c>PolygonLabels</c>: the largest part of each instance mask of a YOLO segment model, or offline the
/// GrabCut segmentation inside each cascade box.
/// </summary>
public static class PolygonPredictor
{
    /// <summary>The polygons of one task.</summary>
    /// <returns>The regions.</returns>
    public static async Task<IReadOnlyList<Region>> PredictAsync(ControlRequest request, YoloRuntime runtime, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(runtime);
        var control = request.Control;
        var image = await request.Media.ImageAsync(control.Tag.ToName, cancellationToken).ConfigureAwait(false);
        var regions = new List<Region>();
        if (control.ModelPath is not { } path)
        {
            foreach (var found in CascadeLabels.Detect(runtime.Cascades, control.Control, image.Pixels, control.Threshold))
            {
                var mask = GrabCutSegmenter.Segment(image.Pixels, found.Box, [], []);
                Add(regions, control, image.Size, mask, found.Label, found.Score);
            }

            return regions;
        }

        var model = runtime.Models.Get(path, YoloTask.Segment, control, request.Media.Task);
        var labels = ModelLabelMap.For(request.Config, control.Control.Name, model.Names);
        foreach (var found in model.Detect(image.Pixels, (float)control.Threshold))
        {
            if (labels.TryGetLabel(found.ClassName, out var label) && found.Mask is { } mask)
            {
                Add(regions, control, image.Size, mask, label, found.Score);
            }
        }

        return regions;
    }

    private static void Add(List<Region> regions, YoloControl control, ImageSize size, byte[] mask, string label, double score)
    {
        var points = MaskGeometry.LargestPolygon(mask, size);
        if (points.Count >= 3)
        {
            regions.Add(Region.PolygonLabels(control.Tag, size, points, [label], closed: true).WithScore(score));
        }
    }
}
