using System.Text.Json.Nodes;
using Xunit;

namespace LabelStudio.ML.Tests.Responses;

/// <summary>Each builder against the shapes of SPEC §6.3, written out by hand.</summary>
public sealed class RegionBuilderTests
{
    private static readonly ImageSize Image = new(1280, 720);

    [Fact]
    public void Choices_single_and_many()
    {
        var tag = new TagMatch("sentiment", "text", "text");

        Expect("""{"id": "c1", "from_name": "sentiment", "to_name": "text", "type": "choices", "value": {"choices": ["Positive"]}}""", Region.Choices(tag, "Positive", id: "c1"));
        Expect("""{"id": "c2", "from_name": "sentiment", "to_name": "text", "type": "choices", "value": {"choices": ["A", "B"]}}""", Region.Choices(tag, ["A", "B"], id: "c2"));
    }

    [Fact]
    public void TextArea_one_and_many()
    {
        var tag = new TagMatch("answer", "text", "text");

        Expect("""{"id": "t1", "from_name": "answer", "to_name": "text", "type": "textarea", "value": {"text": ["first line", "second entry"]}}""", Region.TextArea(tag, ["first line", "second entry"], id: "t1"));
        Expect("""{"id": "t2", "from_name": "answer", "to_name": "text", "type": "textarea", "value": {"text": ["only"]}}""", Region.TextArea(tag, "only", id: "t2"));
    }

    [Fact]
    public void Number_rating_taxonomy_datetime()
    {
        Expect("""{"id": "n1", "from_name": "box_threshold", "to_name": "image", "type": "number", "value": {"number": 0.3}}""", Region.Number(new("box_threshold", "image", "image"), 0.3, id: "n1"));
        Expect("""{"id": "r1", "from_name": "rating", "to_name": "text", "type": "rating", "value": {"rating": 4}}""", Region.Rating(new("rating", "text", "text"), 4, id: "r1"));
        Expect(
            """{"id": "x1", "from_name": "tax", "to_name": "text", "type": "taxonomy", "value": {"taxonomy": [["Animals", "Cat"], ["Plants"]]}}""",
            Region.Taxonomy(new("tax", "text", "text"), [["Animals", "Cat"], ["Plants"]], id: "x1"));
        Expect("""{"id": "d1", "from_name": "dt", "to_name": "text", "type": "datetime", "value": {"datetime": "2024-04-08T14:21"}}""", Region.DateTime(new("dt", "text", "text"), "2024-04-08T14:21", id: "d1"));
    }

    [Fact]
    public void Rectangle_labels_with_score()
    {
        var region = Region.RectangleLabels(new("label", "image", "image"), Image, 12.5, 20.28, 30.0, 41.67, ["Car"], id: "r-001").WithScore(0.91);

        Expect(
            """
            {"id": "r-001", "from_name": "label", "to_name": "image", "type": "rectanglelabels", "original_width": 1280, "original_height": 720, "image_rotation": 0,
             "value": {"x": 12.5, "y": 20.28, "width": 30.0, "height": 41.67, "rotation": 0, "rectanglelabels": ["Car"]}, "score": 0.91}
            """,
            region);
    }

    [Fact]
    public void Rectangle_from_pixels_is_in_percent()
    {
        // 160 px of 1280 = 12.5 %, 146 px of 720 = 20.2777… %, 384 px = 30 %, 300 px of 720 = 41.666… %.
        var region = Region.RectangleLabelsFromPixels(new("label", "image", "image"), Image, 160, 146, 384, 300, ["Car"], rotation: 15, id: "r");

        var value = region.ToJson()["value"]!;
        Assert.Equal(12.5, value["x"]!.GetValue<double>(), 1e-12);
        Assert.Equal(146.0 / 720 * 100, value["y"]!.GetValue<double>(), 1e-12);
        Assert.Equal(30.0, value["width"]!.GetValue<double>(), 1e-12);
        Assert.Equal(41.666666666666664, value["height"]!.GetValue<double>(), 1e-12);
        Assert.Equal(15.0, value["rotation"]!.GetValue<double>());
    }

    [Fact]
    public void Unlabeled_rectangle_has_no_label_list()
    {
        Expect(
            """
            {"id": "b", "from_name": "box", "to_name": "image", "type": "rectangle", "original_width": 1280, "original_height": 720, "image_rotation": 0,
             "value": {"x": 1, "y": 2, "width": 3, "height": 4, "rotation": 0}}
            """,
            Region.Rectangle(new("box", "image", "image"), Image, 1, 2, 3, 4, id: "b"));
    }

    [Fact]
    public void Polygon_labeled_and_unlabeled()
    {
        Expect(
            """
            {"id": "p-001", "from_name": "poly", "to_name": "image", "type": "polygonlabels", "original_width": 1280, "original_height": 720, "image_rotation": 0,
             "value": {"points": [[10.1, 20.2], [30.3, 20.2], [25.0, 45.5]], "closed": true, "polygonlabels": ["Road"]}, "score": 0.8}
            """,
            Region.PolygonLabels(new("poly", "image", "image"), Image, [(10.1, 20.2), (30.3, 20.2), (25.0, 45.5)], ["Road"], closed: true, id: "p-001").WithScore(0.8));
        Expect(
            """
            {"id": "p2", "from_name": "poly", "to_name": "image", "type": "polygon", "original_width": 1280, "original_height": 720, "image_rotation": 0,
             "value": {"points": [[1, 2], [3, 4], [5, 6]]}}
            """,
            Region.Polygon(new("poly", "image", "image"), Image, [(1, 2), (3, 4), (5, 6)], id: "p2"));
    }

    [Fact]
    public void KeyPoint_with_parent()
    {
        Expect(
            """
            {"id": "k-001", "from_name": "kp", "to_name": "image", "type": "keypointlabels", "original_width": 1280, "original_height": 720, "image_rotation": 0,
             "value": {"x": 49.44, "y": 59.97, "width": 0.3125, "keypointlabels": ["Nose"]}, "score": 0.77, "parentID": "r-001"}
            """,
            Region.KeyPointLabels(new("kp", "image", "image"), Image, 49.44, 59.97, ["Nose"], width: 0.3125, id: "k-001").WithScore(0.77).WithParent("r-001"));
        Expect(
            """
            {"id": "k2", "from_name": "kp", "to_name": "image", "type": "keypoint", "original_width": 1280, "original_height": 720, "image_rotation": 0,
             "value": {"x": 1, "y": 2}}
            """,
            Region.KeyPoint(new("kp", "image", "image"), Image, 1, 2, id: "k2"));
    }

    [Fact]
    public void Ellipse_labeled_and_unlabeled()
    {
        Expect(
            """
            {"id": "el-01", "from_name": "ell", "to_name": "image", "type": "ellipselabels", "original_width": 1280, "original_height": 720, "image_rotation": 0,
             "value": {"x": 50.0, "y": 40.0, "radiusX": 10.0, "radiusY": 5.0, "rotation": 0, "ellipselabels": ["Cell"]}}
            """,
            Region.EllipseLabels(new("ell", "image", "image"), Image, 50, 40, 10, 5, ["Cell"], id: "el-01"));
        Expect(
            """
            {"id": "el-02", "from_name": "ell", "to_name": "image", "type": "ellipse", "original_width": 1280, "original_height": 720, "image_rotation": 90,
             "value": {"x": 50.0, "y": 40.0, "radiusX": 10.0, "radiusY": 5.0, "rotation": 30}}
            """,
            Region.Ellipse(new("ell", "image", "image"), Image, 50, 40, 10, 5, rotation: 30, id: "el-02").WithImageRotation(90));
    }

    [Fact]
    public void Brush_from_mask_carries_the_encoded_mask()
    {
        var size = new ImageSize(2, 2);

        var region = Region.BrushLabels(new("tag", "image", "image"), size, [0, 255, 255, 255], ["Banana"], id: "3c1f").WithScore(0.97).WithReadOnly(false);

        // The RLE is SPEC §6.4's worked example for this mask.
        Expect(
            """
            {"id": "3c1f", "from_name": "tag", "to_name": "image", "type": "brushlabels", "original_width": 2, "original_height": 2, "image_rotation": 0,
             "value": {"format": "rle", "rle": [0, 0, 0, 16, 57, 27, 252, 96, 22, 255, 192], "brushlabels": ["Banana"]}, "score": 0.97, "readonly": false}
            """,
            region);
    }

    [Fact]
    public void Brush_from_rle_and_unlabeled_brushes()
    {
        int[] rle = [0, 0, 0, 4, 57, 27, 252, 96, 0];
        var size = new ImageSize(1, 1);
        var tag = new TagMatch("brush", "image", "image");
        const string Expected = """
            {"id": "b", "from_name": "brush", "to_name": "image", "type": "brush", "original_width": 1, "original_height": 1, "image_rotation": 0,
             "value": {"format": "rle", "rle": [0, 0, 0, 4, 57, 27, 252, 96, 0]}}
            """;

        Expect(Expected, Region.BrushFromRle(tag, size, rle, id: "b"));
        Expect(Expected, Region.Brush(tag, size, [0], id: "b"));
        Expect(
            """
            {"id": "b", "from_name": "brush", "to_name": "image", "type": "brushlabels", "original_width": 1, "original_height": 1, "image_rotation": 0,
             "value": {"format": "rle", "rle": [0, 0, 0, 4, 57, 27, 252, 96, 0], "brushlabels": ["Sky"]}}
            """,
            Region.BrushLabelsFromRle(tag, size, rle, ["Sky"], id: "b"));
    }

    [Fact]
    public void Time_series_ranges_from_strings_and_numbers()
    {
        var tag = new TagMatch("tsl", "ts", "csv");

        Expect(
            """{"id": "ts1", "from_name": "tsl", "to_name": "ts", "type": "timeserieslabels", "value": {"start": "0", "end": "40", "instant": false, "timeserieslabels": ["Run"]}}""",
            Region.TimeSeriesLabels(tag, "0", "40", ["Run"], id: "ts1"));
        Expect(
            """{"id": "ts2", "from_name": "tsl", "to_name": "ts", "type": "timeserieslabels", "value": {"start": 12.5, "end": 12.5, "instant": true, "timeserieslabels": ["Jump"]}}""",
            Region.TimeSeriesLabels(tag, 12.5, 12.5, ["Jump"], id: "ts2"));
    }

    [Fact]
    public void Paragraph_and_hypertext_ranges()
    {
        Expect(
            """
            {"id": "pg1", "from_name": "pl", "to_name": "dialogue", "type": "paragraphlabels",
             "value": {"start": "0", "end": "1", "startOffset": 0, "endOffset": 12, "text": "Hello there.", "paragraphlabels": ["Greeting"]}}
            """,
            Region.ParagraphLabels(new("pl", "dialogue", "dialogue"), 0, 0, 1, 12, "Hello there.", ["Greeting"], id: "pg1"));
        Expect(
            """
            {"id": "ht1", "from_name": "ner", "to_name": "html", "type": "hypertextlabels",
             "value": {"start": "/p[1]/text()[1]", "end": "/p[1]/text()[1]", "startOffset": 0, "endOffset": 5,
                       "globalOffsets": {"start": 0, "end": 5}, "text": "Hello", "hypertextlabels": ["Greeting"]}}
            """,
            Region.HyperTextLabels(new("ner", "html", "html"), "/p[1]/text()[1]", 0, "/p[1]/text()[1]", 5, "Hello", ["Greeting"], globalOffsets: (0, 5), id: "ht1"));
    }

    [Fact]
    public void Video_rectangle_track()
    {
        VideoKeyframe[] sequence =
        [
            new(Frame: 1, Time: 0.04, X: 10.0, Y: 20.0, Width: 15.0, Height: 12.0),
            new(Frame: 2, Time: 0.08, X: 11.0, Y: 20.5, Width: 15.0, Height: 12.0, Enabled: false),
        ];

        var region = Region.VideoRectangle(new("box", "video", "video"), sequence, 250, 10.0, ["Car"], id: "v1").WithOrigin("manual").WithScore(0.9);

        Expect(
            """
            {"id": "v1", "from_name": "box", "to_name": "video", "type": "videorectangle", "origin": "manual", "score": 0.9,
             "value": {"framesCount": 250, "duration": 10.0, "labels": ["Car"], "sequence": [
               {"frame": 1, "enabled": true, "rotation": 0, "x": 10.0, "y": 20.0, "width": 15.0, "height": 12.0, "time": 0.04},
               {"frame": 2, "enabled": false, "rotation": 0, "x": 11.0, "y": 20.5, "width": 15.0, "height": 12.0, "time": 0.08}]}}
            """,
            region);
    }

    [Fact]
    public void Timeline_ranges()
    {
        Expect(
            """{"id": "tl1", "from_name": "actions", "to_name": "video", "type": "timelinelabels", "value": {"ranges": [{"start": 12, "end": 40}], "timelinelabels": ["Run"]}}""",
            Region.TimelineLabels(new("actions", "video", "video"), [(12, 40)], ["Run"], id: "tl1"));
    }

    [Fact]
    public void Relations_by_id_and_by_region()
    {
        var tag = new TagMatch("label", "text", "text");
        var first = Region.SpanFromCodePoints(tag, "Ann works for Acme", 0, 3, ["PER"], id: "e1");
        var second = Region.SpanFromCodePoints(tag, "Ann works for Acme", 14, 18, ["ORG"], id: "e2");

        Expect("""{"from_id": "e1", "to_id": "e2", "type": "relation", "direction": "right", "labels": ["works_for"]}""", Region.Relation(first, second, labels: ["works_for"]));
        Expect("""{"from_id": "e2", "to_id": "e1", "type": "relation", "direction": "bi"}""", Region.Relation("e2", "e1", RelationDirection.Bi));
        Expect("""{"from_id": "a", "to_id": "b", "type": "relation", "direction": "left"}""", Region.Relation("a", "b", RelationDirection.Left));
        Assert.Null(Region.Relation("a", "b").FromName);
    }

    [Fact]
    public void Per_region_results_share_id_and_geometry_as_in_the_ocr_example()
    {
        var image = new ImageSize(800, 600);
        var polygon = Region.Polygon(new("poly", "image", "image"), image, [(10.0, 10.0), (40.0, 10.0), (40.0, 20.0), (10.0, 20.0)], id: "a1b2").WithScore(0.91);

        var label = polygon.PerRegionLabels(new("label", "image", "image"), "Text");
        var transcription = polygon.PerRegionTextArea(new("transcription", "image", "image"), "IZIN SOLUTIONS");

        Expect(
            """
            {"id": "a1b2", "from_name": "label", "to_name": "image", "type": "labels", "original_width": 800, "original_height": 600, "image_rotation": 0,
             "value": {"points": [[10.0, 10.0], [40.0, 10.0], [40.0, 20.0], [10.0, 20.0]], "labels": ["Text"]}, "score": 0.91}
            """,
            label);
        Expect(
            """
            {"id": "a1b2", "from_name": "transcription", "to_name": "image", "type": "textarea", "original_width": 800, "original_height": 600, "image_rotation": 0,
             "value": {"points": [[10.0, 10.0], [40.0, 10.0], [40.0, 20.0], [10.0, 20.0]], "text": ["IZIN SOLUTIONS"]}, "score": 0.91}
            """,
            transcription);
    }

    [Fact]
    public void Per_region_result_drops_the_label_list_of_a_labeled_geometry()
    {
        var box = Region.RectangleLabels(new("label", "image", "image"), Image, 1, 2, 3, 4, ["Car"], id: "r9");

        var choice = Region.PerRegion(box, new("color", "image", "image"), "choices", "choices", new JsonArray("Red"));

        Expect(
            """
            {"id": "r9", "from_name": "color", "to_name": "image", "type": "choices", "original_width": 1280, "original_height": 720, "image_rotation": 0,
             "value": {"x": 1, "y": 2, "width": 3, "height": 4, "rotation": 0, "choices": ["Red"]}}
            """,
            choice);
        Expect(
            """
            {"id": "r9", "from_name": "color", "to_name": "image", "type": "choices", "original_width": 1280, "original_height": 720, "image_rotation": 0,
             "value": {"x": 1, "y": 2, "width": 3, "height": 4, "rotation": 0, "choices": ["Blue"]}}
            """,
            box.PerRegionChoices(new("color", "image", "image"), "Blue"));
    }

    [Fact]
    public void Per_region_result_on_another_object_is_rejected()
    {
        var box = Region.Rectangle(new("box", "image", "image"), Image, 1, 2, 3, 4);

        Assert.Throws<ArgumentException>(() => box.PerRegionTextArea(new("text", "other_image", "other_image"), "x"));
    }

    [Fact]
    public void Optional_region_keys()
    {
        var region = Region.Choices(new("c", "t", "t"), "A", id: "o1")
            .WithHidden()
            .WithReadOnly()
            .WithItemIndex(2)
            .WithMeta(new JsonObject { ["text"] = new JsonArray("bbox-0") })
            .With("is_positive", true);

        Expect(
            """
            {"id": "o1", "from_name": "c", "to_name": "t", "type": "choices", "value": {"choices": ["A"]},
             "hidden": true, "readonly": true, "item_index": 2, "meta": {"text": ["bbox-0"]}, "is_positive": true}
            """,
            region);
    }

    [Fact]
    public void Optional_values_are_copied_so_callers_keep_their_nodes()
    {
        var meta = new JsonObject { ["text"] = new JsonArray("note") };
        var flag = JsonValue.Create(true);
        var first = Region.Choices(new("c", "t", "t"), "A").WithMeta(meta).With("is_positive", flag);

        var second = Region.Choices(new("c", "t", "t"), "B").WithMeta(meta).With("is_positive", flag);
        meta["text"] = "changed";

        JsonAssert.Equal(JsonNode.Parse("""{"text": ["note"]}"""), first.ToJson()["meta"]);
        JsonAssert.Equal(JsonNode.Parse("""{"text": ["note"]}"""), second.ToJson()["meta"]);
    }

    [Fact]
    public void Generated_ids_are_short_url_safe_and_distinct()
    {
        var tag = new TagMatch("c", "t", "t");

        var ids = Enumerable.Range(0, 200).Select(_ => Region.Choices(tag, "A").Id!).ToList();

        Assert.All(ids, id =>
        {
            Assert.Equal(10, id.Length);
            Assert.Matches("^[A-Za-z0-9_-]+$", id);
        });
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Fact]
    public void Properties_read_the_json()
    {
        var region = Region.Choices(new("sentiment", "text", "text"), "A", id: "p");

        Assert.Equal(("p", "choices", "sentiment", "text"), (region.Id, region.Type, region.FromName, region.ToName));
        Assert.False(region.IsRelation);
    }

    [Fact]
    public void From_json_copies_the_object_and_keeps_it_verbatim()
    {
        var source = JsonNode.Parse("""{"from_name": "label", "to_name": "text", "type": "labels", "value": {"start": 0, "end": 4}, "custom": 1}""")!.AsObject();

        var region = Region.FromJson(source);
        source["type"] = "changed";

        Assert.Null(region.Id);
        Expect("""{"from_name": "label", "to_name": "text", "type": "labels", "value": {"start": 0, "end": 4}, "custom": 1}""", region);
    }

    [Fact]
    public void To_json_returns_a_copy()
    {
        var region = Region.Choices(new("c", "t", "t"), "A", id: "x");

        region.ToJson()["id"] = "changed";

        Assert.Equal("x", region.Id);
    }

    private static void Expect(string expectedJson, Region actual) => JsonAssert.Equal(JsonNode.Parse(expectedJson), actual.ToJson());
}
