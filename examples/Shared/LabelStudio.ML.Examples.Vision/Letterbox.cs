using OpenCvSharp;

namespace LabelStudio.ML.Examples.Vision;

/// <summary>
/// Fits an image into a model's fixed input size without distorting it, as Ultralytics does: scaled by the largest
/// factor that fits, centred, the rest padded with grey 114. <see cref="LetterboxTransform"/> maps model
/// coordinates back to the original image.
/// </summary>
public static class Letterbox
{
    /// <summary>The padding colour Ultralytics uses.</summary>
    public static readonly Scalar Grey = new(114, 114, 114);

    /// <summary>
    /// Resizes <paramref name="image"/> into <paramref name="width"/> × <paramref name="height"/>: centred
    /// (Ultralytics) or at the top-left corner (<paramref name="centred"/> false: mmdetection's resize and pad).
    /// </summary>
    /// <returns>The padded image (the caller disposes it) and the transform back to the original.</returns>
    public static (Mat Image, LetterboxTransform Transform) Apply(Mat image, int width, int height, bool centred = true, Scalar? fill = null)
    {
        ArgumentNullException.ThrowIfNull(image);
        var scale = Math.Min((double)width / image.Width, (double)height / image.Height);
        var newWidth = (int)Math.Round(image.Width * scale);
        var newHeight = (int)Math.Round(image.Height * scale);
        double left = 0, top = 0;
        if (centred)
        {
            // Ultralytics splits the padding in halves, rounding the first half down (round(dw - 0.1)).
            left = Math.Round(((width - newWidth) / 2.0) - 0.1);
            top = Math.Round(((height - newHeight) / 2.0) - 0.1);
        }

        var padded = new Mat(height, width, image.Type(), fill ?? Grey);
        using (var resized = newWidth == image.Width && newHeight == image.Height ? image.Clone() : image.Resize(new Size(newWidth, newHeight), 0, 0, InterpolationFlags.Linear))
        {
            resized.CopyTo(padded[new Rect((int)left, (int)top, newWidth, newHeight)]);
        }

        return (padded, new LetterboxTransform(scale, left, top, newWidth, newHeight));
    }
}

/// <summary>How a letterboxed image relates to its original: <c>model = original × Scale + Pad</c>.</summary>
/// <param name="Scale">The resize factor.</param>
/// <param name="PadX">Pixels of padding on the left.</param>
/// <param name="PadY">Pixels of padding on the top.</param>
/// <param name="ContentWidth">The width of the resized image inside the padding.</param>
/// <param name="ContentHeight">The height of the resized image inside the padding.</param>
public readonly record struct LetterboxTransform(double Scale, double PadX, double PadY, int ContentWidth, int ContentHeight)
{
    /// <summary>An x coordinate of the model's input in the original image.</summary>
    /// <returns>The original x.</returns>
    public double ToOriginalX(double x) => (x - PadX) / Scale;

    /// <summary>A y coordinate of the model's input in the original image.</summary>
    /// <returns>The original y.</returns>
    public double ToOriginalY(double y) => (y - PadY) / Scale;
}
