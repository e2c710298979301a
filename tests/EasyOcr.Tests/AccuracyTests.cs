using System.Diagnostics;
using System.Globalization;
using LabelStudio.ML.Examples.Vision.Ocr;
using OcrExamples.Testing;
using OpenCvSharp;
using Xunit;
using Xunit.Abstractions;

namespace EasyOcr.Tests;

/// <summary>
/// Whole-image OCR of rendered lines with both engines: character accuracy of each drawn line (the text of the
/// regions found on it, left to right) and the regions' boxes against where the text was drawn.
/// </summary>
public sealed class AccuracyTests(OcrEngines engines, ITestOutputHelper output) : IClassFixture<OcrEngines>
{
    private static readonly string[] Lines =
    [
        "KENAPA HARUS PUNYA IMB?",
        "Label Studio reads text",
        "Invoice 2024-07, total 1234.56",
        "The quick brown fox jumps",
    ];

    // Floors from the measured figures (see the README) with a margin: PP-OCRv4 0.981 / 0.982 (it joins some words,
    // dropping the space), Tesseract 0.992 / 1.000.
    [Theory]
    [InlineData("ppocr", HersheyFonts.HersheySimplex, 0.93)]
    [InlineData("ppocr", HersheyFonts.HersheyDuplex, 0.93)]
    [InlineData("tesseract", HersheyFonts.HersheySimplex, 0.95)]
    [InlineData("tesseract", HersheyFonts.HersheyDuplex, 0.95)]
    public async Task Every_drawn_line_is_found_where_it_was_drawn_and_read(string engineName, HersheyFonts font, double floor)
    {
        IOcrEngine engine = engineName == "ppocr" ? engines.PaddleOcr : engines.Tesseract;
        var image = TextImages.Render(Lines, font);
        await using var backend = await engines.StartAsync(engine);
        await backend.PredictAsync(OcrEngines.PolygonConfig, [OcrEngines.Task(1, image)]); // warm-up
        var timer = Stopwatch.StartNew();
        var results = await backend.PredictAsync(OcrEngines.PolygonConfig, [OcrEngines.Task(2, image)]);
        timer.Stop();
        var found = PredictedLine.Read(results[0]!);

        var accuracies = new List<double>();
        foreach (var drawn in image.Lines)
        {
            // The regions lying mostly on this line (an engine may split a line into words).
            var onLine = found.Where(line => PredictedLine.IoU(line.Bounds & drawn.Box, line.Bounds) >= 0.5).OrderBy(line => line.Bounds.X).ToList();
            var text = string.Join(' ', onLine.Select(line => line.Text));
            var accuracy = CharacterAccuracy.Of(drawn.Text, text);
            accuracies.Add(accuracy);
            var union = onLine.Count == 0 ? default : onLine.Select(line => line.Bounds).Aggregate((a, b) => a | b);
            var iou = PredictedLine.IoU(union, drawn.Box);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{engine.Name} {font}: \"{drawn.Text}\" → \"{text}\" accuracy {accuracy:0.000}, box IoU {iou:0.00} ({union} vs drawn {drawn.Box})"));
            Assert.True(iou >= 0.5, $"the regions on \"{drawn.Text}\" cover {union}, the text was drawn at {drawn.Box}");
        }

        var mean = accuracies.Average();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{engine.Name} {font}: mean character accuracy {mean:0.000}; {timer.ElapsedMilliseconds} ms for a {image.Width} × {image.Height} image"));
        Assert.True(mean >= floor, $"mean character accuracy {mean:0.000} is below {floor}");
        // Nothing was read where nothing was drawn.
        Assert.All(found, line => Assert.Contains(image.Lines, drawn => PredictedLine.IoU(line.Bounds & drawn.Box, line.Bounds) >= 0.5));
    }
}
