using System.Security.Cryptography;
using OpenCvSharp;

namespace LabelStudio.ML.Examples.Vision;

/// <summary>
/// A task's image, decoded: the pixels as an OpenCV BGR matrix, its size for percent coordinates, and a hash of the
/// file's bytes that identifies the image across requests (for caches of per-image work such as SAM embeddings).
/// </summary>
public sealed class TaskImage : IDisposable
{
    internal TaskImage(Mat pixels, string hash, string source)
    {
        Pixels = pixels;
        Hash = hash;
        Source = source;
    }

    /// <summary>The decoded image, 8-bit BGR (OpenCV's channel order).</summary>
    public Mat Pixels { get; }

    /// <summary>The image's size in pixels.</summary>
    public ImageSize Size => new(Pixels.Width, Pixels.Height);

    /// <summary>The SHA-256 of the image file's bytes, in lower-case hex.</summary>
    public string Hash { get; }

    /// <summary>Where the image came from (the task's data value, with data URIs shortened), for messages.</summary>
    public string Source { get; }

    /// <summary>Decodes <paramref name="bytes"/> into an image.</summary>
    /// <param name="bytes">The image file (PNG, JPEG, BMP, WebP, TIFF, … whatever OpenCV decodes).</param>
    /// <param name="source">Where the bytes came from, for messages.</param>
    /// <param name="maxPixels">Images larger than this are refused before decoding.</param>
    /// <returns>The image; the caller disposes it.</returns>
    /// <exception cref="AnswerException">422: the bytes are no image OpenCV can decode, or the image is too large.</exception>
    public static TaskImage Decode(byte[] bytes, string source, long maxPixels = VisionOptions.DefaultMaxImagePixels)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        var declared = ImageHeader.TryReadSize(bytes);
        if (declared is { } size && (long)size.Width * size.Height > maxPixels)
        {
            throw new AnswerException(422, $"The image {source} is {size.Width} × {size.Height} pixels, more than the limit of {maxPixels} (IMAGE_MAX_PIXELS).");
        }

        var pixels = bytes.Length == 0 ? new Mat() : Cv2.ImDecode(bytes, ImreadModes.Color);
        if (pixels.Empty())
        {
            pixels.Dispose();
            throw new AnswerException(422, $"The file {source} ({bytes.Length} bytes) is not an image that can be decoded.");
        }

        if ((long)pixels.Width * pixels.Height > maxPixels)
        {
            var (width, height) = (pixels.Width, pixels.Height);
            pixels.Dispose();
            throw new AnswerException(422, $"The image {source} is {width} × {height} pixels, more than the limit of {maxPixels} (IMAGE_MAX_PIXELS).");
        }

        return new TaskImage(pixels, Convert.ToHexStringLower(SHA256.HashData(bytes)), source);
    }

    /// <summary>The pixel rectangle of a region given in percent of the image (Label Studio's <c>x, y, width, height</c>), clipped to the image.</summary>
    /// <returns>The rectangle; empty when the region lies outside the image.</returns>
    public Rect ToPixels(double x, double y, double width, double height)
    {
        var left = Math.Clamp((int)Math.Round(x / 100 * Pixels.Width), 0, Pixels.Width);
        var top = Math.Clamp((int)Math.Round(y / 100 * Pixels.Height), 0, Pixels.Height);
        var right = Math.Clamp((int)Math.Round((x + width) / 100 * Pixels.Width), 0, Pixels.Width);
        var bottom = Math.Clamp((int)Math.Round((y + height) / 100 * Pixels.Height), 0, Pixels.Height);
        return new Rect(left, top, Math.Max(0, right - left), Math.Max(0, bottom - top));
    }

    /// <summary>The pixel position of a point given in percent of the image, clipped to the image.</summary>
    /// <returns>The point.</returns>
    public Point ToPixels(double x, double y) =>
        new(Math.Clamp((int)Math.Round(x / 100 * Pixels.Width), 0, Pixels.Width - 1), Math.Clamp((int)Math.Round(y / 100 * Pixels.Height), 0, Pixels.Height - 1));

    /// <inheritdoc />
    public void Dispose() => Pixels.Dispose();
}
