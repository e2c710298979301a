using OpenCvSharp;

namespace EasyOcr.PaddleOcr;

/// <summary>Cuts a detected (possibly slanted) text box out of an image as an upright strip.</summary>
internal static class LineCrop
{
    /// <summary>
    /// The box <paramref name="corners"/> (top left, top right, bottom right, bottom left) warped to a rectangle; a strip
    /// at least 1.5 times taller than wide is turned 90° so that vertical text reads left to right.
    /// </summary>
    public static Mat Cut(Mat image, Point2f[] corners)
    {
        var width = (int)Math.Max(Distance(corners[0], corners[1]), Distance(corners[2], corners[3]));
        var height = (int)Math.Max(Distance(corners[0], corners[3]), Distance(corners[1], corners[2]));
        width = Math.Max(width, 1);
        height = Math.Max(height, 1);
        Point2f[] target = [new(0, 0), new(width, 0), new(width, height), new(0, height)];
        using var transform = Cv2.GetPerspectiveTransform(corners, target);
        var strip = new Mat();
        Cv2.WarpPerspective(image, strip, transform, new Size(width, height), InterpolationFlags.Cubic, BorderTypes.Replicate);
        if (height >= width * 1.5)
        {
            Cv2.Rotate(strip, strip, RotateFlags.Rotate90Counterclockwise);
        }

        return strip;
    }

    private static double Distance(Point2f a, Point2f b) => Math.Sqrt(((a.X - b.X) * (a.X - b.X)) + ((a.Y - b.Y) * (a.Y - b.Y)));
}
