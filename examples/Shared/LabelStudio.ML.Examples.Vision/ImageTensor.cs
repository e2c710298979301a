using Microsoft.ML.OnnxRuntime.Tensors;
using OpenCvSharp;

namespace LabelStudio.ML.Examples.Vision;

/// <summary>Turns an 8-bit BGR image into the <c>[1, 3, height, width]</c> float tensor image models take.</summary>
public static class ImageTensor
{
    /// <summary>
    /// The planes of <paramref name="bgr"/> in RGB order (or BGR with <paramref name="rgb"/> false), each value
    /// <c>(pixel × scale − mean[c]) / std[c]</c>. Ultralytics wants scale 1/255 and no mean or std; mmdetection
    /// wants scale 1 with its ImageNet mean and std.
    /// </summary>
    /// <returns>The tensor.</returns>
    public static DenseTensor<float> FromBgr(Mat bgr, bool rgb = true, float scale = 1f / 255, float[]? mean = null, float[]? std = null)
    {
        ArgumentNullException.ThrowIfNull(bgr);
        if (bgr.Type() != MatType.CV_8UC3)
        {
            throw new ArgumentException($"An 8-bit 3-channel image is needed, not {bgr.Type()}.", nameof(bgr));
        }

        var (height, width) = (bgr.Height, bgr.Width);
        var tensor = new DenseTensor<float>([1, 3, height, width]);
        var buffer = tensor.Buffer.Span;
        // A region of a larger image is not continuous in memory; copy it so its pixels can be read in one piece.
        using var copy = bgr.IsContinuous() ? null : bgr.Clone();
        (copy ?? bgr).GetArray(out Vec3b[] pixels);
        var plane = height * width;
        for (var c = 0; c < 3; c++)
        {
            // BGR source channel for output plane c.
            var source = rgb ? 2 - c : c;
            var m = mean?[c] ?? 0f;
            var s = std?[c] ?? 1f;
            var offset = c * plane;
            for (var i = 0; i < plane; i++)
            {
                buffer[offset + i] = ((pixels[i][source] * scale) - m) / s;
            }
        }

        return tensor;
    }
}
