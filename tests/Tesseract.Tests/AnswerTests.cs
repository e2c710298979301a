using System.Net;
using System.Text.Json.Nodes;
using OcrExamples.Testing;
using OpenCvSharp;
using Xunit;

namespace TesseractOcrExample.Tests;

/// <summary>What the answer holds besides the text, calls without a box, and bad input.</summary>
public sealed class AnswerTests
{
    private static readonly TextImage Word = TextImages.Render(["HARUS"], HersheyFonts.HersheyDuplex, scale: 2.0, thickness: 3);

    [Fact]
    public async Task The_text_area_shares_the_boxs_id_and_geometry_and_the_box_is_echoed_after_it()
    {
        await using var backend = await TesseractBackend.StartAsync();
        var box = TesseractBackend.Box("abc123", 2, 5, 96, 90, Word.Width, Word.Height, "Handwriting");

        var results = await backend.PredictAsync(TesseractBackend.LabelConfig, [TesseractBackend.Task(5, Word.DataUri)], new JsonObject { ["result"] = new JsonArray(box.DeepClone()) });

        var prediction = results[0]!;
        Assert.Equal("tesseract-eng", prediction["model_version"]!.GetValue<string>());
        Assert.InRange(prediction["score"]!.GetValue<double>(), 0.5, 1);
        var result = prediction["result"]!.AsArray();
        Assert.Equal(2, result.Count);
        var text = result[0]!;
        Assert.Equal("abc123", text["id"]!.GetValue<string>());
        Assert.Equal("transcription", text["from_name"]!.GetValue<string>());
        Assert.Equal("image", text["to_name"]!.GetValue<string>());
        Assert.Equal("textarea", text["type"]!.GetValue<string>());
        Assert.Equal(Word.Width, text["original_width"]!.GetValue<int>());
        foreach (var key in new[] { "x", "y", "width", "height", "rotation" })
        {
            Assert.True(JsonNode.DeepEquals(box["value"]![key], text["value"]![key]), key);
        }

        Assert.Equal(["HARUS"], text["value"]!["text"]!.AsArray().Select(t => t!.GetValue<string>()));
        Assert.Null(text["value"]!["rectanglelabels"]);
        // The box comes back as drawn, label included.
        Assert.True(JsonNode.DeepEquals(box, result[1]), result[1]!.ToJsonString());
    }

    [Fact]
    public async Task Without_a_box_in_the_context_there_is_nothing_to_read()
    {
        await using var backend = await TesseractBackend.StartAsync();

        Assert.Empty(await backend.PredictAsync(TesseractBackend.LabelConfig, [TesseractBackend.Task(1, Word.DataUri)]));
        var prompt = new JsonObject
        {
            ["result"] = new JsonArray(new JsonObject
            {
                ["id"] = "t1", ["from_name"] = "transcription", ["to_name"] = "image", ["type"] = "textarea", ["value"] = new JsonObject { ["text"] = new JsonArray("hi") },
            }),
        };
        Assert.Empty(await backend.PredictAsync(TesseractBackend.LabelConfig, [TesseractBackend.Task(1, Word.DataUri)], prompt));
    }

    [Fact]
    public async Task Of_several_boxes_the_last_is_read_and_a_box_without_id_or_size_gets_them()
    {
        var image = TextImages.Render(["KENAPA", "PUNYA"], HersheyFonts.HersheyDuplex, scale: 2.0, thickness: 3);
        await using var backend = await TesseractBackend.StartAsync();
        Rect Around(int line)
        {
            var box = image.Lines[line].Box;
            box.Inflate(8, 8);
            return box;
        }

        var first = Around(0);
        var second = Around(1);
        var last = TesseractBackend.Box("x", 100.0 * second.X / image.Width, 100.0 * second.Y / image.Height, 100.0 * second.Width / image.Width, 100.0 * second.Height / image.Height, 0, 0);
        last.Remove("id");
        last.Remove("original_width");
        last.Remove("original_height");
        var context = new JsonObject
        {
            ["result"] = new JsonArray(
                TesseractBackend.Box("first", 100.0 * first.X / image.Width, 100.0 * first.Y / image.Height, 100.0 * first.Width / image.Width, 100.0 * first.Height / image.Height, image.Width, image.Height),
                last),
        };

        var result = (await backend.PredictAsync(TesseractBackend.LabelConfig, [TesseractBackend.Task(1, image.DataUri)], context))[0]!["result"]!.AsArray();

        Assert.Equal("PUNYA", result[0]!["value"]!["text"]![0]!.GetValue<string>());
        var id = result[0]!["id"]!.GetValue<string>();
        Assert.False(string.IsNullOrEmpty(id));
        Assert.Equal(id, result[1]!["id"]!.GetValue<string>());
        Assert.Equal(image.Width, result[1]!["original_width"]!.GetValue<int>());
        Assert.Equal(image.Height, result[0]!["original_height"]!.GetValue<int>());
    }

    [Fact]
    public async Task Bad_input_is_a_422_naming_the_task_and_the_cause_and_the_server_keeps_serving()
    {
        await using var backend = await TesseractBackend.StartAsync(maxImagePixels: 1_000_000);
        JsonObject Box() => TesseractBackend.BoxContext("b", 10, 10, 50, 50, Word.Width, Word.Height);

        var outside = await Assert.ThrowsAsync<HttpRequestException>(() => backend.PredictAsync(
            TesseractBackend.LabelConfig, [TesseractBackend.Task(41, Word.DataUri)], TesseractBackend.BoxContext("out", 120, 120, 10, 10, Word.Width, Word.Height)));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, outside.StatusCode);
        Assert.Contains("task 41 lies outside the image", outside.Message, StringComparison.Ordinal);

        var notNumbers = TesseractBackend.BoxContext("nan", 10, 10, 50, 50, Word.Width, Word.Height);
        notNumbers["result"]![0]!["value"]!["x"] = "left";
        var badBox = await Assert.ThrowsAsync<HttpRequestException>(() => backend.PredictAsync(TesseractBackend.LabelConfig, [TesseractBackend.Task(42, Word.DataUri)], notNumbers));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, badBox.StatusCode);
        Assert.Contains("task 42 needs numbers for x, y, width and height", badBox.Message, StringComparison.Ordinal);

        var notAnImage = await Assert.ThrowsAsync<HttpRequestException>(() => backend.PredictAsync(
            TesseractBackend.LabelConfig, [TesseractBackend.Task(43, "data:image/png;base64," + Convert.ToBase64String("nope"u8.ToArray()))], Box()));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, notAnImage.StatusCode);
        Assert.Contains("task 43", notAnImage.Message, StringComparison.Ordinal);

        using var huge = new Mat(1001, 1000, MatType.CV_8UC3, Scalar.White);
        var tooLarge = await Assert.ThrowsAsync<HttpRequestException>(() => backend.PredictAsync(
            TesseractBackend.LabelConfig, [TesseractBackend.Task(44, "data:image/png;base64," + Convert.ToBase64String(huge.ImEncode(".png")))], Box()));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, tooLarge.StatusCode);
        Assert.Contains("IMAGE_MAX_PIXELS", tooLarge.Message, StringComparison.Ordinal);

        const string NoTextArea = """<View><Image name="image" value="$ocr"/><RectangleLabels name="bbox" toName="image" smart="true"><Label value="Text"/></RectangleLabels></View>""";
        var noTextArea = await Assert.ThrowsAsync<HttpRequestException>(() => backend.PredictAsync(NoTextArea, [TesseractBackend.Task(45, Word.DataUri)], Box()));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, noTextArea.StatusCode);
        Assert.Contains("no TextArea on the image 'image'", noTextArea.Message, StringComparison.Ordinal);

        var fine = await backend.PredictAsync(TesseractBackend.LabelConfig, [TesseractBackend.Task(46, Word.DataUri)], TesseractBackend.BoxContext("ok", 0, 0, 100, 100, Word.Width, Word.Height));
        Assert.Equal("HARUS", fine[0]!["result"]![0]!["value"]!["text"]![0]!.GetValue<string>());
    }
}
