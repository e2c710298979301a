using OpenCvSharp;

namespace LabelStudio.ML.Examples.Vision;

/// <summary>
/// How an image is placed in the encoder's square input: scaled by <see cref="ScaleX"/>, <see cref="ScaleY"/> to
/// <see cref="ResizedWidth"/> × <see cref="ResizedHeight"/> at the top-left corner, the rest padded with zeros.
/// Prompt points are mapped by the same scales.
/// </summary>
internal readonly record struct SamFrame(int InputSize, double ScaleX, double ScaleY, int ResizedWidth, int ResizedHeight)
{
    // ImageNet statistics on the 0–255 scale, RGB order, as both SAM and SAM 2 normalise.
    private static readonly float[] Mean = [123.675f, 116.28f, 103.53f];
    private static readonly float[] Deviation = [58.395f, 57.12f, 57.375f];

    /// <summary>SAM: the longest side becomes <paramref name="inputSize"/>, the aspect ratio is kept (SAM's <c>ResizeLongestSide</c>).</summary>
    public static SamFrame LongestSide(ImageSize image, int inputSize)
    {
        var scale = (double)inputSize / Math.Max(image.Width, image.Height);
        var width = (int)((image.Width * scale) + 0.5);
        var height = (int)((image.Height * scale) + 0.5);
        return new SamFrame(inputSize, (double)width / image.Width, (double)height / image.Height, width, height);
    }

    /// <summary>SAM 2: the image is stretched to a square of <paramref name="inputSize"/>.</summary>
    public static SamFrame Square(ImageSize image, int inputSize) =>
        new(inputSize, (double)inputSize / image.Width, (double)inputSize / image.Height, inputSize, inputSize);

    /// <summary>The encoder input: <c>[1, 3, size, size]</c>, RGB, normalised, zero-padded right and below.</summary>
    public float[] ToTensor(Mat bgr)
    {
        var plane = InputSize * InputSize;
        var tensor = new float[3 * plane];
        using var resized = bgr.Resize(new Size(ResizedWidth, ResizedHeight), 0, 0, InterpolationFlags.Linear);
        resized.GetArray(out Vec3b[] pixels);
        for (var y = 0; y < ResizedHeight; y++)
        {
            for (var x = 0; x < ResizedWidth; x++)
            {
                var pixel = pixels[(y * ResizedWidth) + x];
                var at = (y * InputSize) + x;
                tensor[at] = (pixel.Item2 - Mean[0]) / Deviation[0];
                tensor[plane + at] = (pixel.Item1 - Mean[1]) / Deviation[1];
                tensor[(2 * plane) + at] = (pixel.Item0 - Mean[2]) / Deviation[2];
            }
        }

        return tensor;
    }

    /// <summary>A point of the original image in the encoder's frame.</summary>
    public (float X, float Y) Map(Point point) => ((float)(point.X * ScaleX), (float)(point.Y * ScaleY));
}
