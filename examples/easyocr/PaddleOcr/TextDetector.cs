using Microsoft.ML.OnnxRuntime.Tensors;
using OpenCvSharp;

namespace EasyOcr.PaddleOcr;

/// <summary>
/// PP-OCR's DB (differentiable binarisation) text detector: the model gives each pixel a probability of being text;
/// the map is binarised, each connected area becomes a minimum-area box, boxes that are too small or too faint are
/// dropped, and the rest are grown back by the margin DB shrinks text areas by during training ("unclip").
/// </summary>
internal sealed class TextDetector(OnnxStage model) : IDisposable
{
    // PaddleOCR's inference defaults for DB: limit_side_len 960 (type max), thresh 0.3, box_thresh 0.6, unclip_ratio 1.5.
    private const int MaxSide = 960;
    private const float PixelThreshold = 0.3f;
    private const double BoxThreshold = 0.6;
    private const double UnclipRatio = 1.5;
    private const int MinSide = 3;
    private const int MaxCandidates = 1000;

    private static readonly float[] Mean = [0.485f, 0.456f, 0.406f];
    private static readonly float[] Std = [0.229f, 0.224f, 0.225f];

    /// <summary>The text boxes of <paramref name="image"/> (8-bit BGR) in its pixels, four corners each (top left, top right, bottom right, bottom left).</summary>
    public IReadOnlyList<Point2f[]> Detect(Mat image)
    {
        // No upscaling, longest side at most 960, both sides multiples of 32 (the network downsamples by 32).
        var ratio = Math.Max(image.Width, image.Height) > MaxSide ? (double)MaxSide / Math.Max(image.Width, image.Height) : 1.0;
        var width = Math.Max(32, (int)Math.Round(image.Width * ratio / 32) * 32);
        var height = Math.Max(32, (int)Math.Round(image.Height * ratio / 32) * 32);
        using var resized = image.Resize(new Size(width, height));
        var input = new DenseTensor<float>([1, 3, height, width]);
        ImageTensor.Write(resized, input, 0, Mean, Std);
        var (probabilities, dimensions) = model.Run(input);
        var mapHeight = dimensions[2];
        var mapWidth = dimensions[3];

        using var map = new Mat(mapHeight, mapWidth, MatType.CV_32FC1);
        map.SetArray(probabilities);
        using var bitmap = new Mat();
        Cv2.Threshold(map, bitmap, PixelThreshold, 255, ThresholdTypes.Binary);
        using var mask = new Mat();
        bitmap.ConvertTo(mask, MatType.CV_8UC1);
        Cv2.FindContours(mask, out var contours, out _, RetrievalModes.List, ContourApproximationModes.ApproxSimple);

        var scaleX = (float)image.Width / mapWidth;
        var scaleY = (float)image.Height / mapHeight;
        var boxes = new List<Point2f[]>();
        foreach (var contour in contours.Take(MaxCandidates))
        {
            var box = Cv2.MinAreaRect(contour);
            if (Math.Min(box.Size.Width, box.Size.Height) < MinSide || MeanInside(map, box.Points()) < BoxThreshold)
            {
                continue;
            }

            // Unclip: offsetting a rectangle outward by d = area × ratio / perimeter (what pyclipper does in PaddleOCR,
            // whose minimum-area box then comes out d larger on every side).
            var distance = box.Size.Width * box.Size.Height * UnclipRatio / (2 * (box.Size.Width + box.Size.Height));
            var grown = new RotatedRect(box.Center, new Size2f(box.Size.Width + (2 * distance), box.Size.Height + (2 * distance)), box.Angle);
            if (Math.Min(grown.Size.Width, grown.Size.Height) < MinSide + 2)
            {
                continue;
            }

            var corners = Order(grown.Points());
            boxes.Add([.. corners.Select(p => new Point2f(Math.Clamp(p.X * scaleX, 0, image.Width - 1), Math.Clamp(p.Y * scaleY, 0, image.Height - 1)))]);
        }

        return ReadingOrder(boxes);
    }

    /// <summary>The mean probability inside the polygon (PaddleOCR's "fast" box score).</summary>
    private static double MeanInside(Mat map, Point2f[] polygon)
    {
        var bounds = Cv2.BoundingRect(polygon) & new Rect(0, 0, map.Width, map.Height);
        if (bounds.Width < 1 || bounds.Height < 1)
        {
            return 0;
        }

        using var polygonMask = new Mat(bounds.Height, bounds.Width, MatType.CV_8UC1, Scalar.All(0));
        Cv2.FillPoly(polygonMask, [polygon.Select(p => new Point((int)Math.Round(p.X) - bounds.X, (int)Math.Round(p.Y) - bounds.Y)).ToArray()], Scalar.All(1));
        using var part = new Mat(map, bounds);
        return Cv2.Mean(part, polygonMask).Val0;
    }

    /// <summary>Orders a rectangle's corners: top left, top right, bottom right, bottom left.</summary>
    internal static Point2f[] Order(Point2f[] corners)
    {
        var byX = corners.OrderBy(p => p.X).ToArray();
        var (topLeft, bottomLeft) = byX[0].Y <= byX[1].Y ? (byX[0], byX[1]) : (byX[1], byX[0]);
        var (topRight, bottomRight) = byX[2].Y <= byX[3].Y ? (byX[2], byX[3]) : (byX[3], byX[2]);
        return [topLeft, topRight, bottomRight, bottomLeft];
    }

    /// <summary>Top to bottom, and left to right within a line (boxes whose tops are within 10 pixels).</summary>
    private static List<Point2f[]> ReadingOrder(List<Point2f[]> boxes)
    {
        var sorted = boxes.OrderBy(b => b[0].Y).ThenBy(b => b[0].X).ToList();
        for (var i = 0; i < sorted.Count - 1; i++)
        {
            for (var j = i; j >= 0 && Math.Abs(sorted[j + 1][0].Y - sorted[j][0].Y) < 10 && sorted[j + 1][0].X < sorted[j][0].X; j--)
            {
                (sorted[j], sorted[j + 1]) = (sorted[j + 1], sorted[j]);
            }
        }

        return sorted;
    }

    public void Dispose() => model.Dispose();
}
