using OpenCvSharp;

namespace LabelStudio.ML.Examples.Vision;

/// <summary>Turns pixel masks into the shapes Label Studio shows: polygons in percent and bounding boxes.</summary>
public static class MaskGeometry
{
    /// <summary>
    /// The outline of the largest connected part of <paramref name="mask"/> (non-zero = inside), simplified to within
    /// <paramref name="tolerancePercent"/> of the image diagonal, as points in percent of the image.
    /// </summary>
    /// <returns>The polygon's points (at least three), or an empty list when the mask is empty.</returns>
    public static IReadOnlyList<(double X, double Y)> LargestPolygon(ReadOnlySpan<byte> mask, ImageSize size, double tolerancePercent = 0.3)
    {
        using var matrix = ToMat(mask, size);
        Cv2.FindContours(matrix, out var contours, out _, RetrievalModes.External, ContourApproximationModes.ApproxSimple);
        var largest = contours.Length == 0 ? null : contours.MaxBy(c => Cv2.ContourArea(c));
        if (largest is null || largest.Length < 3)
        {
            return [];
        }

        var tolerance = Math.Sqrt(((double)size.Width * size.Width) + ((double)size.Height * size.Height)) * tolerancePercent / 100;
        var simplified = Cv2.ApproxPolyDP(largest, tolerance, closed: true);
        var points = simplified.Length >= 3 ? simplified : largest;
        return [.. points.Select(p => (size.ToPercentX(p.X), size.ToPercentY(p.Y)))];
    }

    /// <summary>The bounding box of the non-zero pixels of <paramref name="mask"/>, or <see langword="null"/> when there are none.</summary>
    /// <returns>The box in pixels.</returns>
    public static Rect? BoundingBox(ReadOnlySpan<byte> mask, ImageSize size)
    {
        using var matrix = ToMat(mask, size);
        var box = Cv2.BoundingRect(matrix);
        return box.Width == 0 || box.Height == 0 ? null : box;
    }

    private static Mat ToMat(ReadOnlySpan<byte> mask, ImageSize size)
    {
        if (mask.Length != size.Width * size.Height)
        {
            throw new ArgumentException($"The mask holds {mask.Length} bytes but a {size.Width} × {size.Height} image has {size.Width * size.Height} pixels.", nameof(mask));
        }

        var matrix = new Mat(size.Height, size.Width, MatType.CV_8UC1);
        matrix.SetArray(mask.ToArray());
        return matrix;
    }
}
