using OpenCvSharp;
using Xunit;

namespace LabelStudio.ML.Examples.Vision.Tests;

public sealed class TaskImageTests
{
    [Theory]
    [InlineData(".png")]
    [InlineData(".jpg")]
    [InlineData(".bmp")]
    [InlineData(".webp")]
    public void The_header_size_matches_what_OpenCV_wrote(string extension)
    {
        using var image = new Mat(37, 53, MatType.CV_8UC3, Scalar.All(90));
        var bytes = image.ImEncode(extension);

        Assert.Equal((53, 37), ImageHeader.TryReadSize(bytes));
    }

    [Fact]
    public void A_GIF_header_gives_its_logical_screen_size()
    {
        // GIF89a, width 300 and height 2 little-endian: written by hand, since OpenCV does not encode GIF.
        byte[] header = [.. "GIF89a"u8, 0x2C, 0x01, 0x02, 0x00, 0, 0, 0];

        Assert.Equal((300, 2), ImageHeader.TryReadSize(header));
    }

    [Fact]
    public void Decoding_gives_pixels_size_and_a_stable_hash()
    {
        using var source = new Mat(20, 30, MatType.CV_8UC3, new Scalar(10, 200, 30));
        var bytes = source.ImEncode(".png");

        using var first = TaskImage.Decode(bytes, "test");
        using var second = TaskImage.Decode(bytes, "test");

        Assert.Equal(new ImageSize(30, 20), first.Size);
        Assert.Equal(new Vec3b(10, 200, 30), first.Pixels.At<Vec3b>(5, 5));
        Assert.Equal(first.Hash, second.Hash);
        Assert.Equal(64, first.Hash.Length);
    }

    [Fact]
    public void An_image_over_the_pixel_limit_is_refused_before_decoding()
    {
        // A PNG header that declares 100000 × 100000 pixels and nothing else: decoding it would fail differently.
        using var small = new Mat(1, 1, MatType.CV_8UC3, Scalar.All(0));
        var bytes = small.ImEncode(".png");
        bytes[16..24].AsSpan().Clear();
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(16), 100_000);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(20), 100_000);

        var error = Assert.Throws<AnswerException>(() => TaskImage.Decode(bytes, "of task 7", maxPixels: 1_000_000));

        Assert.Equal(422, error.StatusCode);
        Assert.Contains("100000 × 100000", error.Message, StringComparison.Ordinal);
        Assert.Contains("IMAGE_MAX_PIXELS", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bytes_that_are_no_image_are_a_422_naming_the_source()
    {
        var error = Assert.Throws<AnswerException>(() => TaskImage.Decode("<html>not found</html>"u8.ToArray(), "of task 9 (/data/upload/x.jpg)"));

        Assert.Equal(422, error.StatusCode);
        Assert.Contains("of task 9 (/data/upload/x.jpg)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Percent_regions_become_clipped_pixel_rectangles()
    {
        using var image = TaskImage.Decode(new Mat(200, 400, MatType.CV_8UC3, Scalar.All(0)).ImEncode(".png"), "test");

        Assert.Equal(new Rect(40, 20, 200, 100), image.ToPixels(10, 10, 50, 50));
        Assert.Equal(new Rect(360, 180, 40, 20), image.ToPixels(90, 90, 50, 50));
        Assert.Equal(new Point(399, 0), image.ToPixels(120, -5));
    }
}
