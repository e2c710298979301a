using LabelStudio.ML.Examples.Vision.Ocr;
using OpenCvSharp;

namespace OcrExamples.Testing;

/// <summary>One line drawn on a test image: its text and the pixel box its glyphs cover (from OpenCV's text metrics).</summary>
public sealed record DrawnLine(string Text, Rect Box);

/// <summary>A test image with known text: PNG bytes, its size and the lines drawn on it.</summary>
public sealed record TextImage(byte[] Png, int Width, int Height, IReadOnlyList<DrawnLine> Lines)
{
    /// <summary>The image as a <c>data:image/png;base64,…</c> URI, as a task's <c>image</c> value.</summary>
    public string DataUri => "data:image/png;base64," + Convert.ToBase64String(Png);
}

/// <summary>
/// Renders known lines of text, black on white, with OpenCV's Hershey fonts: what the OCR tests read back. The boxes
/// come from <see cref="Cv2.GetTextSize"/>, independent of any OCR engine.
/// </summary>
public static class TextImages
{
    // Tests draw with OpenCV before the backend loads Tesseract; libtesseract must come first (see TesseractOcr.PreloadLibrary).
    static TextImages() => TesseractOcr.PreloadLibrary();

    /// <summary>Draws <paramref name="lines"/> one under the other, left-aligned with a margin.</summary>
    public static TextImage Render(IReadOnlyList<string> lines, HersheyFonts font, double scale = 1.6, int thickness = 2, int margin = 30, int gap = 28)
    {
        var sizes = lines.Select(line => (Size: Cv2.GetTextSize(line, font, scale, thickness, out var baseline), Baseline: baseline)).ToList();
        var width = sizes.Max(s => s.Size.Width) + (2 * margin);
        var height = sizes.Sum(s => s.Size.Height + s.Baseline) + (gap * (lines.Count - 1)) + (2 * margin);
        using var image = new Mat(height, width, MatType.CV_8UC3, Scalar.White);
        var drawn = new List<DrawnLine>();
        var top = margin;
        for (var i = 0; i < lines.Count; i++)
        {
            var (size, baseline) = sizes[i];
            var origin = new Point(margin, top + size.Height);
            Cv2.PutText(image, lines[i], origin, font, scale, Scalar.Black, thickness, LineTypes.AntiAlias);
            drawn.Add(new DrawnLine(lines[i], new Rect(margin, top, size.Width, size.Height + baseline)));
            top += size.Height + baseline + gap;
        }

        return new TextImage(image.ImEncode(".png"), width, height, drawn);
    }
}
