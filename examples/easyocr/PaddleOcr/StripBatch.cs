using Microsoft.ML.OnnxRuntime.Tensors;
using OpenCvSharp;

namespace EasyOcr.PaddleOcr;

/// <summary>
/// Text strips resized to a fixed height, keeping their aspect ratio up to a width limit, normalised to [-1, 1] and
/// padded on the right with zeros into one NCHW batch: the input of PP-OCR's recogniser and angle classifier.
/// </summary>
internal static class StripBatch
{
    private static readonly float[] Half = [0.5f, 0.5f, 0.5f];

    public static DenseTensor<float> Create(IReadOnlyList<Mat> strips, int height, int width)
    {
        var tensor = new DenseTensor<float>([strips.Count, 3, height, width]);
        for (var i = 0; i < strips.Count; i++)
        {
            var strip = strips[i];
            var resizedWidth = Math.Clamp((int)Math.Ceiling(height * (double)strip.Width / strip.Height), 1, width);
            using var resized = strip.Resize(new Size(resizedWidth, height));
            ImageTensor.Write(resized, tensor, i, Half, Half);
        }

        return tensor;
    }
}
