using OpenCvSharp;

namespace LabelStudio.ML.Examples.Vision.Ocr;

/// <summary>
/// One line of text an OCR engine read: its outline in pixels (four corners, clockwise from the top left; a rotated
/// box for detectors that find slanted text), the text and a confidence in [0, 1].
/// </summary>
public sealed record OcrLine(IReadOnlyList<Point2f> Corners, string Text, double Confidence)
{
    /// <summary>The axis-aligned box around <see cref="Corners"/>, in whole pixels.</summary>
    public Rect Bounds
    {
        get
        {
            var left = (int)Math.Floor(Corners.Min(p => p.X));
            var top = (int)Math.Floor(Corners.Min(p => p.Y));
            return new Rect(left, top, (int)Math.Ceiling(Corners.Max(p => p.X)) - left, (int)Math.Ceiling(Corners.Max(p => p.Y)) - top);
        }
    }

    /// <summary>A line whose outline is the axis-aligned <paramref name="box"/>.</summary>
    /// <returns>The line.</returns>
    public static OcrLine FromBox(Rect box, string text, double confidence) =>
        new([new Point2f(box.Left, box.Top), new Point2f(box.Right, box.Top), new Point2f(box.Right, box.Bottom), new Point2f(box.Left, box.Bottom)], text, confidence);
}
