using OpenCvSharp;

namespace LabelStudio.ML.Examples.Vision;

/// <summary>
/// Segments the object inside a box, or around clicked points, with OpenCV's GrabCut: an algorithm with no weights,
/// so it is the offline mask step of the segmentation examples. Positive points are marked as certain foreground and
/// negative points as certain background before the model is refined.
/// </summary>
public static class GrabCutSegmenter
{
    /// <summary>GrabCut refinement rounds; five is where the mask stops changing on typical photos.</summary>
    private const int Iterations = 5;

    /// <summary>
    /// The mask (0 or 255, the image's size, row-major) of the object in <paramref name="box"/>, refined with the
    /// <paramref name="positive"/> and <paramref name="negative"/> points. Without a box, one is made around the
    /// positive points (a quarter of the image's shorter side around them).
    /// </summary>
    /// <returns>The mask bytes (width × height).</returns>
    /// <exception cref="ArgumentException">Neither a box nor a positive point is given, or the box is empty.</exception>
    public static byte[] Segment(Mat image, Rect? box, IReadOnlyList<Point> positive, IReadOnlyList<Point> negative)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(positive);
        ArgumentNullException.ThrowIfNull(negative);
        var bounds = new Rect(0, 0, image.Width, image.Height);
        var region = (box ?? AroundPoints(positive, image)) & bounds;
        if (region.Width < 2 || region.Height < 2)
        {
            throw new ArgumentException("GrabCut needs a box of at least 2 × 2 pixels inside the image, or a positive point.");
        }

        using var mask = new Mat(image.Size(), MatType.CV_8UC1, Scalar.All((int)GrabCutClasses.BGD));
        // The box's inside is "probably foreground"; a box that fills the image leaves GrabCut no background sample,
        // so keep a one-pixel frame as background.
        var inner = region == bounds ? new Rect(1, 1, Math.Max(1, bounds.Width - 2), Math.Max(1, bounds.Height - 2)) : region;
        mask[inner].SetTo(Scalar.All((int)GrabCutClasses.PR_FGD));
        var dot = Math.Max(2, Math.Min(image.Width, image.Height) / 100);
        foreach (var point in positive)
        {
            Cv2.Circle(mask, point, dot, Scalar.All((int)GrabCutClasses.FGD), -1);
        }

        foreach (var point in negative)
        {
            Cv2.Circle(mask, point, dot, Scalar.All((int)GrabCutClasses.BGD), -1);
        }

        using var background = new Mat();
        using var foreground = new Mat();
        using var color = image.Channels() == 3 ? image.Clone() : image.CvtColor(ColorConversionCodes.GRAY2BGR);
        Cv2.GrabCut(color, mask, inner, background, foreground, Iterations, GrabCutModes.InitWithMask);

        // Foreground and probable foreground → 255; the rest → 0.
        using var foregroundMask = new Mat();
        Cv2.Compare(mask, Scalar.All((int)GrabCutClasses.PR_FGD), foregroundMask, CmpTypes.EQ);
        using var certain = new Mat();
        Cv2.Compare(mask, Scalar.All((int)GrabCutClasses.FGD), certain, CmpTypes.EQ);
        Cv2.BitwiseOr(foregroundMask, certain, foregroundMask);
        // GetArray returns a fresh width × height array: the mask the caller gets, with no second copy.
        foregroundMask.GetArray(out byte[] pixels);
        return pixels;
    }

    private static Rect AroundPoints(IReadOnlyList<Point> points, Mat image)
    {
        if (points.Count == 0)
        {
            throw new ArgumentException("GrabCut needs a box or at least one positive point.");
        }

        var margin = Math.Max(8, Math.Min(image.Width, image.Height) / 4);
        var left = points.Min(p => p.X) - margin;
        var top = points.Min(p => p.Y) - margin;
        var right = points.Max(p => p.X) + margin;
        var bottom = points.Max(p => p.Y) + margin;
        return new Rect(left, top, right - left, bottom - top);
    }
}
