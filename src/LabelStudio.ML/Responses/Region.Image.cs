using System.Text.Json.Nodes;

namespace LabelStudio.ML;

// Builders for image regions (SPEC §6.3). Coordinates are percent of the image size; each shape comes
// labeled (`…labels` type with the label list) and unlabeled (for a bare Rectangle/Polygon/… control).
public sealed partial class Region
{
    /// <summary>
    /// A <c>rectanglelabels</c> region: top-left corner <paramref name="x"/>, <paramref name="y"/> and size in
    /// percent of <paramref name="image"/>; <paramref name="rotation"/> in degrees, clockwise around the top-left corner.
    /// </summary>
    public static Region RectangleLabels(
        TagMatch tag, ImageSize image, double x, double y, double width, double height, IEnumerable<string> labels, double rotation = 0, string? id = null) =>
        RectangleRegion(tag, "rectanglelabels", image, x, y, width, height, rotation, labels, id);

    /// <summary>An unlabeled <c>rectangle</c> region (a <c>Rectangle</c> control); coordinates as for <see cref="RectangleLabels"/>.</summary>
    public static Region Rectangle(
        TagMatch tag, ImageSize image, double x, double y, double width, double height, double rotation = 0, string? id = null) =>
        RectangleRegion(tag, "rectangle", image, x, y, width, height, rotation, null, id);

    /// <summary>
    /// A <c>rectanglelabels</c> region from a box in pixels (what detectors output): converted into percent of
    /// <paramref name="image"/>.
    /// </summary>
    public static Region RectangleLabelsFromPixels(
        TagMatch tag, ImageSize image, double left, double top, double width, double height, IEnumerable<string> labels, double rotation = 0, string? id = null) =>
        RectangleLabels(
            tag, image, image.ToPercentX(left), image.ToPercentY(top), image.ToPercentX(width), image.ToPercentY(height), labels, rotation, id);

    /// <summary>A <c>polygonlabels</c> region: at least three (x, y) points in percent; <paramref name="closed"/> is written when given.</summary>
    public static Region PolygonLabels(
        TagMatch tag, ImageSize image, IEnumerable<(double X, double Y)> points, IEnumerable<string> labels, bool? closed = null, string? id = null) =>
        PolygonRegion(tag, "polygonlabels", image, points, closed, labels, id);

    /// <summary>An unlabeled <c>polygon</c> region; points as for <see cref="PolygonLabels"/>.</summary>
    public static Region Polygon(
        TagMatch tag, ImageSize image, IEnumerable<(double X, double Y)> points, bool? closed = null, string? id = null) =>
        PolygonRegion(tag, "polygon", image, points, closed, null, id);

    /// <summary>
    /// A <c>keypointlabels</c> region at (<paramref name="x"/>, <paramref name="y"/>) in percent;
    /// <paramref name="width"/>, the drawn point size in percent of the image width, is written when given.
    /// </summary>
    public static Region KeyPointLabels(
        TagMatch tag, ImageSize image, double x, double y, IEnumerable<string> labels, double? width = null, string? id = null) =>
        KeyPointRegion(tag, "keypointlabels", image, x, y, width, labels, id);

    /// <summary>An unlabeled <c>keypoint</c> region; as <see cref="KeyPointLabels"/>.</summary>
    public static Region KeyPoint(TagMatch tag, ImageSize image, double x, double y, double? width = null, string? id = null) =>
        KeyPointRegion(tag, "keypoint", image, x, y, width, null, id);

    /// <summary>
    /// An <c>ellipselabels</c> region: centre (<paramref name="x"/>, <paramref name="y"/>), <paramref name="radiusX"/>
    /// in percent of the width and <paramref name="radiusY"/> in percent of the height (each ≤ 50), rotation in degrees.
    /// </summary>
    public static Region EllipseLabels(
        TagMatch tag, ImageSize image, double x, double y, double radiusX, double radiusY, IEnumerable<string> labels, double rotation = 0, string? id = null) =>
        EllipseRegion(tag, "ellipselabels", image, x, y, radiusX, radiusY, rotation, labels, id);

    /// <summary>An unlabeled <c>ellipse</c> region; as <see cref="EllipseLabels"/>.</summary>
    public static Region Ellipse(
        TagMatch tag, ImageSize image, double x, double y, double radiusX, double radiusY, double rotation = 0, string? id = null) =>
        EllipseRegion(tag, "ellipse", image, x, y, radiusX, radiusY, rotation, null, id);

    /// <summary>
    /// A <c>brushlabels</c> region from a row-major mask of <paramref name="image"/>'s size (255 = inside),
    /// encoded with <see cref="BrushRle.Encode"/>.
    /// </summary>
    public static Region BrushLabels(TagMatch tag, ImageSize image, ReadOnlySpan<byte> mask, IEnumerable<string> labels, string? id = null) =>
        BrushRegion(tag, "brushlabels", image, BrushRle.Encode(mask, image.Width, image.Height), labels, id);

    /// <summary>A <c>brushlabels</c> region from an already encoded RLE byte list of <paramref name="image"/>'s size.</summary>
    public static Region BrushLabelsFromRle(TagMatch tag, ImageSize image, IEnumerable<int> rle, IEnumerable<string> labels, string? id = null) =>
        BrushRegion(tag, "brushlabels", image, rle, labels, id);

    /// <summary>An unlabeled <c>brush</c> region from a mask; as <see cref="BrushLabels"/>.</summary>
    public static Region Brush(TagMatch tag, ImageSize image, ReadOnlySpan<byte> mask, string? id = null) =>
        BrushRegion(tag, "brush", image, BrushRle.Encode(mask, image.Width, image.Height), null, id);

    /// <summary>An unlabeled <c>brush</c> region from an RLE byte list; as <see cref="BrushLabelsFromRle"/>.</summary>
    public static Region BrushFromRle(TagMatch tag, ImageSize image, IEnumerable<int> rle, string? id = null) =>
        BrushRegion(tag, "brush", image, rle, null, id);

    private static Region RectangleRegion(
        TagMatch tag, string type, ImageSize image, double x, double y, double width, double height, double rotation, IEnumerable<string>? labels, string? id)
    {
        var value = new JsonObject { ["x"] = x, ["y"] = y, ["width"] = width, ["height"] = height, ["rotation"] = rotation };
        return Create(tag, type, WithLabelList(value, type, labels), id, image);
    }

    private static Region PolygonRegion(
        TagMatch tag, string type, ImageSize image, IEnumerable<(double X, double Y)> points, bool? closed, IEnumerable<string>? labels, string? id)
    {
        ArgumentNullException.ThrowIfNull(points);
        var array = new JsonArray();
        foreach (var (x, y) in points)
        {
            array.Add(new JsonArray(x, y));
        }

        var value = new JsonObject { ["points"] = array };
        if (closed is { } isClosed)
        {
            value["closed"] = isClosed;
        }

        return Create(tag, type, WithLabelList(value, type, labels), id, image);
    }

    private static Region KeyPointRegion(
        TagMatch tag, string type, ImageSize image, double x, double y, double? width, IEnumerable<string>? labels, string? id)
    {
        var value = new JsonObject { ["x"] = x, ["y"] = y };
        if (width is { } pointWidth)
        {
            value["width"] = pointWidth;
        }

        return Create(tag, type, WithLabelList(value, type, labels), id, image);
    }

    private static Region EllipseRegion(
        TagMatch tag, string type, ImageSize image, double x, double y, double radiusX, double radiusY, double rotation, IEnumerable<string>? labels, string? id)
    {
        var value = new JsonObject { ["x"] = x, ["y"] = y, ["radiusX"] = radiusX, ["radiusY"] = radiusY, ["rotation"] = rotation };
        return Create(tag, type, WithLabelList(value, type, labels), id, image);
    }

    private static Region BrushRegion(TagMatch tag, string type, ImageSize image, IEnumerable<int> rle, IEnumerable<string>? labels, string? id)
    {
        ArgumentNullException.ThrowIfNull(rle);
        var bytes = new JsonArray();
        foreach (var item in rle)
        {
            bytes.Add(item);
        }

        var value = new JsonObject { ["format"] = "rle", ["rle"] = bytes };
        return Create(tag, type, WithLabelList(value, type, labels), id, image);
    }
}
