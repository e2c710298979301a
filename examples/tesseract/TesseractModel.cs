using System.Text.Json.Nodes;
using LabelStudio.ML;
using LabelStudio.ML.Examples.Vision;
using LabelStudio.ML.Examples.Vision.Ocr;

namespace TesseractOcrExample;

/// <summary>
/// Interactive OCR: the labeler draws a box with the smart <c>RectangleLabels</c> tool and Tesseract reads the text in
/// it; the answer fills the box's per-region <c>TextArea</c> (same region id, same geometry) and repeats the box itself.
/// Without a box in the interactive context there is nothing to read and the answer is empty.
/// </summary>
/// <remarks>
/// As in the original, only the last box of the context is read, as one uniform block of text (Tesseract's
/// <c>--psm 6</c>). Unlike the original, the prediction's score is Tesseract's mean word confidence instead of 0, the
/// languages are a setting (<c>TESSERACT_LANG</c>) rather than fixed, and a box outside the image is a 422.
/// </remarks>
public sealed class TesseractModel(TaskImageLoader images, TesseractOcr ocr) : LabelStudioModel
{
    private static readonly string[] BoxTypes = ["rectanglelabels", "rectangle"];

    /// <inheritdoc />
    public override async Task<ModelResponse?> PredictAsync(PredictRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var box = request.ContextRegions.LastOrDefault(IsBox);
        if (box is null)
        {
            return ModelResponse.Empty;
        }

        // Interactive calls carry one task, the one on screen; should there be more, the box is read on each.
        var predictions = new List<Prediction>(request.Tasks.Count);
        foreach (var task in request.Tasks)
        {
            predictions.Add(await ReadBoxAsync(task, box, cancellationToken));
        }

        return new ModelResponse(predictions, "tesseract-" + ocr.Languages);
    }

    private async Task<Prediction> ReadBoxAsync(LabelStudioTask task, JsonObject box, CancellationToken cancellationToken)
    {
        var value = box["value"]!.AsObject();
        var imageName = Text(box["to_name"]) ?? Config.GetControl(Text(box["from_name"])).ToNames[0];
        var transcription = TranscriptionArea.On(Config, imageName);
        if (Number(value["x"]) is not { } x || Number(value["y"]) is not { } y || Number(value["width"]) is not { } width || Number(value["height"]) is not { } height)
        {
            throw new AnswerException(422, $"The box {Text(box["id"]) ?? "(no id)"} of task {task.Id} needs numbers for x, y, width and height (percent of the image); it has {value.ToJsonString()}.");
        }

        using var image = await images.LoadAsync(TaskData, task, Config.GetObject(imageName), cancellationToken);
        var pixels = image.ToPixels(x, y, width, height);
        if (pixels.Width < 1 || pixels.Height < 1)
        {
            throw new AnswerException(422, $"The box {Text(box["id"]) ?? "(no id)"} of task {task.Id} lies outside the image {image.Source}: there is nothing to read.");
        }

        var read = ocr.ReadBlock(image.Pixels, pixels);
        Logger.LogDebug("Task {Task}: read {Characters} characters in box {Box} ({Pixels}), confidence {Confidence:0.00}", task.Id, read.Text.Length, Text(box["id"]), pixels, read.Confidence);
        var echo = Region.FromJson(box.DeepClone().AsObject());
        if (box["original_width"] is null || box["original_height"] is null)
        {
            echo.With("original_width", image.Size.Width).With("original_height", image.Size.Height).WithImageRotation(0);
        }

        if (echo.Id is null)
        {
            // The text must name its box; a box sent without an id gets one, and the echo carries it back.
            echo.With("id", Guid.NewGuid().ToString("N")[..10]);
        }

        var text = Region.PerRegion(echo, transcription, "textarea", "text", new JsonArray(read.Text));
        return new Prediction([text, echo], read.Confidence);
    }

    private static bool IsBox(JsonObject region) =>
        region["value"] is JsonObject value
        && value.ContainsKey("x") && value.ContainsKey("y") && value.ContainsKey("width") && value.ContainsKey("height")
        && (Text(region["type"]) is not { } type || BoxTypes.Contains(type, StringComparer.OrdinalIgnoreCase));

    private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static double? Number(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == System.Text.Json.JsonValueKind.Number
            ? double.Parse(value.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture)
            : null;
}
