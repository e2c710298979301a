using LabelStudio.ML;
using LabelStudio.ML.Examples.Vision;
using LabelStudio.ML.Examples.Vision.Ocr;

namespace EasyOcr;

/// <summary>
/// OCR pre-annotation: every line of text found in a task's image becomes a region (a polygon around the line, or a
/// rectangle when the config draws rectangles) with the line's text in the per-region <c>TextArea</c> and the first
/// label of the <c>Labels</c> control. Lines read with a confidence below <c>SCORE_THRESHOLD</c> are left out; the
/// prediction's score is the mean line confidence. The engine is PP-OCRv4 (ONNX) or Tesseract (<c>OCR_ENGINE</c>).
/// </summary>
/// <remarks>
/// The original runs EasyOCR and writes the label into the text area's value; here the label is a separate per-region
/// <c>labels</c> result of the <c>Labels</c> control, which is what the labeling interface reads.
/// </remarks>
public sealed class EasyOcrModel(IOcrEngine engine, TaskImageLoader images, EasyOcrSettings settings) : LabelStudioModel
{
    private static readonly string[] GeometryTypes = ["Polygon", "PolygonLabels", "Rectangle", "RectangleLabels"];

    /// <inheritdoc />
    public override async Task<ModelResponse?> PredictAsync(PredictRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var layout = Layout();
        var predictions = new List<Prediction>(request.Tasks.Count);
        foreach (var task in request.Tasks)
        {
            cancellationToken.ThrowIfCancellationRequested();
            using var image = await images.LoadAsync(TaskData, task, Config.GetObject(layout.Geometry.ToName), cancellationToken);
            var lines = engine.ReadLines(image.Pixels).Where(line => line.Confidence >= settings.ScoreThreshold).ToList();
            Logger.LogDebug("Task {Task}: {Lines} lines of text with {Engine}", task.Id, lines.Count, engine.Name);
            var regions = new List<Region>(lines.Count * 3);
            foreach (var line in lines)
            {
                var geometry = Geometry(layout, image.Size, line).WithScore(line.Confidence);
                regions.Add(geometry);
                if (layout.Labels is { } labels && layout.Label is { } label)
                {
                    regions.Add(geometry.PerRegionLabels(labels, label));
                }

                regions.Add(geometry.PerRegionTextArea(layout.Text, line.Text));
            }

            predictions.Add(new Prediction(regions, lines.Count == 0 ? 0 : lines.Average(line => line.Confidence)));
        }

        return new ModelResponse(predictions, engine.Name);
    }

    private static Region Geometry(ConfigLayout layout, ImageSize size, OcrLine line)
    {
        List<string>? labels = layout.Label is { } label && layout.GeometryType.EndsWith("Labels", StringComparison.OrdinalIgnoreCase) ? [label] : null;
        if (layout.GeometryType.StartsWith("Polygon", StringComparison.OrdinalIgnoreCase))
        {
            var points = line.Corners.Select(p => (size.ToPercentX(p.X), size.ToPercentY(p.Y))).ToList();
            return labels is null ? Region.Polygon(layout.Geometry, size, points) : Region.PolygonLabels(layout.Geometry, size, points, labels);
        }

        var box = line.Bounds;
        var (x, y, width, height) = (size.ToPercentX(box.X), size.ToPercentY(box.Y), size.ToPercentX(box.Width), size.ToPercentY(box.Height));
        return labels is null
            ? Region.Rectangle(layout.Geometry, size, x, y, width, height)
            : Region.RectangleLabels(layout.Geometry, size, x, y, width, height, labels);
    }

    /// <summary>Which controls of the label config the lines go to.</summary>
    private ConfigLayout Layout()
    {
        var geometry = Config.FirstTag(GeometryTypes, ["Image"]);
        var geometryType = Config.GetControl(geometry.FromName).Tag;
        var text = TranscriptionArea.On(Config, geometry.ToName);
        var labelsControl = Config.Controls.FirstOrDefault(c => c.Tag.Equals("Labels", StringComparison.OrdinalIgnoreCase) && c.ToNames.Contains(geometry.ToName, StringComparer.Ordinal));
        var labelSource = geometryType.EndsWith("Labels", StringComparison.OrdinalIgnoreCase) ? Config.GetControl(geometry.FromName) : labelsControl;
        if (labelSource is { Labels.Count: > 1 })
        {
            Logger.LogWarning("The control '{Control}' has {Count} labels; every line gets the first, '{Label}'.", labelSource.Name, labelSource.Labels.Count, labelSource.Labels[0]);
        }

        return new ConfigLayout(geometry, geometryType, text, labelsControl?.Match(geometry.ToName), labelSource?.Labels.FirstOrDefault());
    }

    private sealed record ConfigLayout(TagMatch Geometry, string GeometryType, TagMatch Text, TagMatch? Labels, string? Label);
}
