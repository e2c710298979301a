using LabelStudio.ML.Examples.Vision;

namespace Yolo;

/// <summary>
/// Boxes for <c>RectangleLabels</c>: a YOLO detect model (or an obb model with <c>model_obb="true"</c>, whose boxes
/// carry their rotation), or offline the OpenCV cascades the labels name.
/// </summary>
public static class RectanglePredictor
{
    /// <summary>The boxes of one task.</summary>
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
                regions.Add(Region.RectangleLabelsFromPixels(control.Tag, image.Size, found.Box.X, found.Box.Y, found.Box.Width, found.Box.Height, [found.Label]).WithScore(found.Score));
            }

            return regions;
        }

        var oriented = control.Kind == ControlKind.OrientedRectangles;
        var model = runtime.Models.Get(path, oriented ? YoloTask.Obb : YoloTask.Detect, control, request.Media.Task);
        var labels = ModelLabelMap.For(request.Config, control.Control.Name, model.Names);
        foreach (var found in model.Detect(image.Pixels, (float)control.Threshold))
        {
            if (!labels.TryGetLabel(found.ClassName, out var label))
            {
                continue;
            }

            if (found.Rotated is { } rotated)
            {
                var (x, y) = rotated.TopLeft();
                var size = image.Size;
                var degrees = ((rotated.AngleDegrees % 360) + 360) % 360;
                regions.Add(Region.RectangleLabels(
                    control.Tag, size, size.ToPercentX(x), size.ToPercentY(y), size.ToPercentX(rotated.Width), size.ToPercentY(rotated.Height), [label], degrees)
                    .WithScore(found.Score));
            }
            else
            {
                regions.Add(Region.RectangleLabelsFromPixels(control.Tag, image.Size, found.X1, found.Y1, found.X2 - found.X1, found.Y2 - found.Y1, [label]).WithScore(found.Score));
            }
        }

        return regions;
    }
}
