using OpenCvSharp;
using Xunit;

namespace LabelStudio.ML.Examples.Vision.Tests;

public sealed class SegmentationTests
{
    // A bright disc of radius 40 at (100, 90) on a noisy dark background, 200 × 180.
    private static (Mat Image, byte[] Truth) Disc()
    {
        var image = new Mat(180, 200, MatType.CV_8UC3);
        Cv2.Randu(image, Scalar.All(0), Scalar.All(60));
        Cv2.Circle(image, new Point(100, 90), 40, new Scalar(40, 220, 240), -1);
        var truth = new byte[200 * 180];
        for (var y = 0; y < 180; y++)
        {
            for (var x = 0; x < 200; x++)
            {
                truth[(y * 200) + x] = (byte)(((x - 100) * (x - 100)) + ((y - 90) * (y - 90)) <= 40 * 40 ? 255 : 0);
            }
        }

        return (image, truth);
    }

    private static double IntersectionOverUnion(byte[] a, byte[] b)
    {
        var intersection = 0;
        var union = 0;
        for (var i = 0; i < a.Length; i++)
        {
            intersection += a[i] != 0 && b[i] != 0 ? 1 : 0;
            union += a[i] != 0 || b[i] != 0 ? 1 : 0;
        }

        return (double)intersection / union;
    }

    [Fact]
    public void GrabCut_inside_a_box_finds_the_disc()
    {
        var (image, truth) = Disc();
        using var _ = image;

        var mask = GrabCutSegmenter.Segment(image, new Rect(50, 40, 100, 100), [], []);

        Assert.InRange(IntersectionOverUnion(mask, truth), 0.85, 1);
    }

    [Fact]
    public void GrabCut_from_a_positive_point_finds_the_disc()
    {
        var (image, truth) = Disc();
        using var _ = image;

        var mask = GrabCutSegmenter.Segment(image, null, [new Point(100, 90)], [new Point(10, 10)]);

        Assert.InRange(IntersectionOverUnion(mask, truth), 0.8, 1);
    }

    [Fact]
    public void GrabCut_without_box_or_point_is_an_argument_error()
    {
        using var image = new Mat(10, 10, MatType.CV_8UC3, Scalar.All(0));

        Assert.Throws<ArgumentException>(() => GrabCutSegmenter.Segment(image, null, [], [new Point(1, 1)]));
    }

    [Fact]
    public void The_polygon_of_a_rectangular_mask_is_its_four_corners_in_percent()
    {
        var size = new ImageSize(100, 50);
        var mask = new byte[100 * 50];
        for (var y = 10; y < 30; y++)
        {
            mask.AsSpan((y * 100) + 20, 40).Fill(255);
        }

        var polygon = MaskGeometry.LargestPolygon(mask, size);

        Assert.Equal(4, polygon.Count);
        Assert.Contains(polygon, p => Math.Abs(p.X - 20) < 1e-9 && Math.Abs(p.Y - 20) < 1e-9);
        Assert.Contains(polygon, p => Math.Abs(p.X - 59) < 1e-9 && Math.Abs(p.Y - 58) < 1e-9);
        Assert.Equal(new Rect(20, 10, 40, 20), MaskGeometry.BoundingBox(mask, size));
    }

    [Fact]
    public void An_empty_mask_has_no_polygon_and_no_box()
    {
        var size = new ImageSize(10, 10);

        Assert.Empty(MaskGeometry.LargestPolygon(new byte[100], size));
        Assert.Null(MaskGeometry.BoundingBox(new byte[100], size));
    }
}
