namespace LabelStudio.ML.Examples.Vision;

/// <summary>
/// One object a YOLO model found, in pixels of the original image: its class, score and axis-aligned box, plus the
/// rotated box (obb), the mask (segment: 0/255 bytes of the image's size, row-major) or the keypoints (pose).
/// </summary>
public sealed record YoloObject(int ClassId, string ClassName, float Score, double X1, double Y1, double X2, double Y2)
{
    /// <summary>The rotated box of an obb model.</summary>
    public RotatedBox? Rotated { get; init; }

    /// <summary>The mask of a segment model.</summary>
    public byte[]? Mask { get; init; }

    /// <summary>The keypoints of a pose model, in the model's keypoint order.</summary>
    public IReadOnlyList<YoloKeypoint> Keypoints { get; init; } = [];
}

/// <summary>A keypoint in pixels of the original image with the model's confidence in it.</summary>
public readonly record struct YoloKeypoint(double X, double Y, float Confidence);

/// <summary>A rotated box in pixels: its centre, size and clockwise angle in degrees (image coordinates, y down).</summary>
public readonly record struct RotatedBox(double CentreX, double CentreY, double Width, double Height, double AngleDegrees)
{
    /// <summary>The corner that is the box's top-left before rotation, rotated into place (Label Studio's anchor).</summary>
    /// <returns>(x, y) in pixels.</returns>
    public (double X, double Y) TopLeft()
    {
        var radians = AngleDegrees * Math.PI / 180;
        var (cos, sin) = (Math.Cos(radians), Math.Sin(radians));
        var (dx, dy) = (-Width / 2, -Height / 2);
        return (CentreX + (dx * cos) - (dy * sin), CentreY + (dx * sin) + (dy * cos));
    }
}
