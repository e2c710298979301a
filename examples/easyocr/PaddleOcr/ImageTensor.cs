using Microsoft.ML.OnnxRuntime.Tensors;
using OpenCvSharp;

namespace EasyOcr.PaddleOcr;

/// <summary>Writes 8-bit BGR images into the normalised NCHW float tensors PaddleOCR's models take.</summary>
internal static class ImageTensor
{
    /// <summary>
    /// Copies <paramref name="image"/> (8-bit, 3 channels, in BGR order as PaddleOCR reads it with OpenCV) into batch
    /// item <paramref name="item"/> of <paramref name="tensor"/> at its top-left corner, as (pixel / 255 − mean) / std
    /// per channel; the rest of the item stays as it is (zero padding).
    /// </summary>
    public static void Write(Mat image, DenseTensor<float> tensor, int item, ReadOnlySpan<float> mean, ReadOnlySpan<float> std)
    {
        var height = image.Height;
        var width = image.Width;
        var planeHeight = tensor.Dimensions[2];
        var planeWidth = tensor.Dimensions[3];
        var plane = planeHeight * planeWidth;
        var buffer = tensor.Buffer.Span;
        var itemOffset = item * 3 * plane;
        // Clone gives a continuous copy whatever the source (a view into a larger image is not).
        using var continuous = image.Clone();
        var pixels = new byte[height * width * 3];
        System.Runtime.InteropServices.Marshal.Copy(continuous.Data, pixels, 0, pixels.Length);
        Span<float> scale = [1f / (255f * std[0]), 1f / (255f * std[1]), 1f / (255f * std[2])];
        Span<float> shift = [mean[0] / std[0], mean[1] / std[1], mean[2] / std[2]];
        for (var y = 0; y < Math.Min(height, planeHeight); y++)
        {
            for (var x = 0; x < Math.Min(width, planeWidth); x++)
            {
                var source = ((y * width) + x) * 3;
                var at = itemOffset + (y * planeWidth) + x;
                buffer[at] = (pixels[source] * scale[0]) - shift[0];
                buffer[at + plane] = (pixels[source + 1] * scale[1]) - shift[1];
                buffer[at + (2 * plane)] = (pixels[source + 2] * scale[2]) - shift[2];
            }
        }
    }

    /// <summary>Returns <paramref name="image"/> as 8-bit BGR (a new Mat when it had to be converted, else a clone).</summary>
    public static Mat ToBgr(Mat image) => image.Channels() switch
    {
        1 => image.CvtColor(ColorConversionCodes.GRAY2BGR),
        4 => image.CvtColor(ColorConversionCodes.BGRA2BGR),
        _ => image.Clone(),
    };
}
