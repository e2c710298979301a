using System.Diagnostics;
using System.Globalization;
using OcrExamples.Testing;
using OpenCvSharp;
using Xunit;
using Xunit.Abstractions;

namespace TesseractOcrExample.Tests;

/// <summary>Boxes drawn around rendered lines of text come back with the text Tesseract reads in them.</summary>
public sealed class ReadingTests(ITestOutputHelper output)
{
    // Lines in the spirit of the original's test image (an Indonesian banner: KENAPA / HARUS / PUNYA IMB?) plus
    // mixed case, digits and punctuation.
    private static readonly string[] Lines =
    [
        "KENAPA HARUS PUNYA IMB?",
        "Label Studio reads text",
        "Invoice 2024-07, total 1234.56",
        "The quick brown fox jumps",
    ];

    /// <summary>
    /// Measured on Debian's Tesseract 5.3.0 with eng: 0.992 (Simplex: one hyphen read as a dash) and 1.000 (Duplex). The floor leaves room
    /// for other Tesseract builds and language data.
    /// </summary>
    private const double AccuracyFloor = 0.95;

    [Theory]
    [InlineData(HersheyFonts.HersheySimplex)]
    [InlineData(HersheyFonts.HersheyDuplex)]
    public async Task Each_box_is_read_into_its_textarea_with_high_character_accuracy(HersheyFonts font)
    {
        var image = TextImages.Render(Lines, font);
        await using var backend = await TesseractBackend.StartAsync();
        var accuracies = new List<double>();
        var timer = new Stopwatch();
        for (var i = 0; i < image.Lines.Count; i++)
        {
            var line = image.Lines[i];
            // A box a few pixels larger than the glyphs, as a labeler draws it.
            var box = line.Box;
            box.Inflate(8, 8);
            var (x, y, w, h) = (100.0 * box.X / image.Width, 100.0 * box.Y / image.Height, 100.0 * box.Width / image.Width, 100.0 * box.Height / image.Height);
            timer.Restart();
            var results = await backend.PredictAsync(
                TesseractBackend.LabelConfig, [TesseractBackend.Task(10 + i, image.DataUri)], TesseractBackend.BoxContext($"box{i}", x, y, w, h, image.Width, image.Height));
            timer.Stop();

            var text = results[0]!["result"]![0]!["value"]!["text"]![0]!.GetValue<string>();
            var accuracy = CharacterAccuracy.Of(line.Text, text);
            accuracies.Add(accuracy);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{font}: \"{line.Text}\" → \"{text}\" accuracy {accuracy:0.000}, {timer.ElapsedMilliseconds} ms"));
        }

        var mean = accuracies.Average();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{font}: mean character accuracy {mean:0.000}"));
        Assert.True(mean >= AccuracyFloor, $"mean character accuracy {mean:0.000} is below {AccuracyFloor}");
    }

    [Fact]
    public async Task The_original_tests_words_are_read_exactly_from_boxes_around_each_word()
    {
        // The original's test draws three boxes on its banner and expects KENAPA, HARUS and PUNYA.
        var image = TextImages.Render(["KENAPA  HARUS  PUNYA"], HersheyFonts.HersheyDuplex, scale: 2.0, thickness: 3);
        var line = image.Lines[0].Box;
        await using var backend = await TesseractBackend.StartAsync();
        var left = line.X;
        foreach (var word in new[] { "KENAPA", "HARUS", "PUNYA" })
        {
            var wordWidth = Cv2.GetTextSize(word, HersheyFonts.HersheyDuplex, 2.0, 3, out _).Width;
            var start = left + Cv2.GetTextSize(LeadingText(word), HersheyFonts.HersheyDuplex, 2.0, 3, out _).Width - Cv2.GetTextSize(word, HersheyFonts.HersheyDuplex, 2.0, 3, out _).Width;
            var box = new Rect(start - 6, line.Y - 6, wordWidth + 12, line.Height + 12);
            var results = await backend.PredictAsync(
                TesseractBackend.LabelConfig,
                [TesseractBackend.Task(1, image.DataUri)],
                TesseractBackend.BoxContext("w" + word, 100.0 * box.X / image.Width, 100.0 * box.Y / image.Height, 100.0 * box.Width / image.Width, 100.0 * box.Height / image.Height, image.Width, image.Height));

            Assert.Equal(word, results[0]!["result"]![0]!["value"]!["text"]![0]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task Concurrent_boxes_each_get_their_own_text()
    {
        var image = TextImages.Render(Lines, HersheyFonts.HersheySimplex);
        await using var backend = await TesseractBackend.StartAsync();
        var requests = image.Lines.Select(async (line, i) =>
        {
            var box = line.Box;
            box.Inflate(8, 8);
            var results = await backend.PredictAsync(
                TesseractBackend.LabelConfig,
                [TesseractBackend.Task(i, image.DataUri)],
                TesseractBackend.BoxContext($"c{i}", 100.0 * box.X / image.Width, 100.0 * box.Y / image.Height, 100.0 * box.Width / image.Width, 100.0 * box.Height / image.Height, image.Width, image.Height));
            return (line.Text, Read: results[0]!["result"]![0]!["value"]!["text"]![0]!.GetValue<string>());
        });

        foreach (var (expected, read) in await Task.WhenAll(requests))
        {
            Assert.True(CharacterAccuracy.Of(expected, read) >= AccuracyFloor, $"\"{expected}\" was read as \"{read}\"");
        }
    }

    // The text of the line up to and including the word.
    private static string LeadingText(string word) => "KENAPA  HARUS  PUNYA"[..("KENAPA  HARUS  PUNYA".IndexOf(word, StringComparison.Ordinal) + word.Length)];
}
