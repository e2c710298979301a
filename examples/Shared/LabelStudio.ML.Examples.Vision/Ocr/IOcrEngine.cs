using OpenCvSharp;

namespace LabelStudio.ML.Examples.Vision.Ocr;

/// <summary>An OCR engine that finds the lines of text in a whole image and reads them.</summary>
public interface IOcrEngine
{
    /// <summary>A short name for logs and model versions, e.g. <c>pp-ocrv4</c> or <c>tesseract-eng</c>.</summary>
    string Name { get; }

    /// <summary>Finds and reads the lines of text in <paramref name="image"/> (8-bit BGR or grey).</summary>
    /// <returns>The lines, top to bottom and left to right.</returns>
    IReadOnlyList<OcrLine> ReadLines(Mat image);
}
