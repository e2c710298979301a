using System.Text.Json.Nodes;
using OpenCvSharp;

namespace VisionExamples.Testing;

/// <summary>Images the image examples' tests send, with the true masks of what they show.</summary>
public static class TestImages
{
    /// <summary>The public-domain portrait of Grace Hopper, 512 × 512, face at about x 150–380, y 85–315.</summary>
    public static string PortraitPath => Path.Combine(AppContext.BaseDirectory, "Images", "grace_hopper_512x512.jpg");

    /// <summary>The face's box in the portrait (the cascade's own find is (153, 85, 228 × 228)).</summary>
    public static Rect PortraitFace => new(150, 85, 230, 230);

    /// <summary>
    /// A bright disc of radius <paramref name="radius"/> at (<paramref name="cx"/>, <paramref name="cy"/>) on a noisy
    /// dark background, as PNG bytes, with the disc's true mask (255 inside).
    /// </summary>
    public static (byte[] Png, byte[] Truth) Disc(int width = 200, int height = 180, int cx = 100, int cy = 90, int radius = 40, int seed = 1)
    {
        // Seeded noise, so that the same arguments give the same bytes (and image hash).
        var random = new Random(seed);
        var noise = new Vec3b[width * height];
        for (var i = 0; i < noise.Length; i++)
        {
            noise[i] = new Vec3b((byte)random.Next(60), (byte)random.Next(60), (byte)random.Next(60));
        }

        using var image = new Mat(height, width, MatType.CV_8UC3);
        image.SetArray(noise);
        Cv2.Circle(image, new Point(cx, cy), radius, new Scalar(40, 220, 240), -1);
        var truth = new byte[width * height];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                truth[(y * width) + x] = (byte)(((x - cx) * (x - cx)) + ((y - cy) * (y - cy)) <= radius * radius ? 255 : 0);
            }
        }

        return (image.ImEncode(".png"), truth);
    }

    /// <summary>A <c>data:</c> URI of <paramref name="bytes"/>.</summary>
    public static string DataUri(byte[] bytes, string mediaType = "image/png") => $"data:{mediaType};base64,{Convert.ToBase64String(bytes)}";

    /// <summary>A task showing <paramref name="imageUri"/> in <c>$image</c>.</summary>
    public static JsonObject Task(long id, string imageUri) => new() { ["id"] = id, ["data"] = new JsonObject { ["image"] = imageUri } };

    /// <summary>The share of pixels that both masks cover among those either covers.</summary>
    public static double IntersectionOverUnion(byte[] a, byte[] b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var intersection = 0;
        var union = 0;
        for (var i = 0; i < a.Length; i++)
        {
            intersection += a[i] != 0 && b[i] != 0 ? 1 : 0;
            union += a[i] != 0 || b[i] != 0 ? 1 : 0;
        }

        return union == 0 ? 0 : (double)intersection / union;
    }

    /// <summary>A mask of <paramref name="width"/> × <paramref name="height"/> that is 255 inside <paramref name="box"/>.</summary>
    public static byte[] BoxMask(int width, int height, Rect box)
    {
        var mask = new byte[width * height];
        for (var y = box.Top; y < box.Bottom; y++)
        {
            mask.AsSpan((y * width) + box.Left, box.Width).Fill(255);
        }

        return mask;
    }

    /// <summary>The pixels of the <c>brushlabels</c> region <paramref name="region"/> (its RLE decoded), 255 inside.</summary>
    public static byte[] BrushMask(JsonNode region)
    {
        ArgumentNullException.ThrowIfNull(region);
        var rle = region["value"]!["rle"]!.AsArray().Select(v => v!.GetValue<int>()).ToArray();
        return LabelStudio.ML.BrushRle.DecodeMask(rle, region["original_width"]!.GetValue<int>(), region["original_height"]!.GetValue<int>());
    }
}
