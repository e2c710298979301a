using System.Text.Json.Nodes;
using LabelStudio.ML.Testing;
using Xunit;

namespace Yolo.Tests;

/// <summary>
/// The ONNX paths of every sub-model on tiny models with YOLO signatures. Expected values are worked out by hand from
/// the constants in the graphs: a model point (x, y) is the pixel (x / 0.2, (y − 16) / 0.2) of the 320 × 160 image,
/// and a pixel (x, y) is (x / 3.2, y / 1.6) percent.
/// </summary>
public sealed class OnnxModelTests : IDisposable
{
    private const string Names2 = "{0: 'person', 1: 'car'}";
    private readonly TestMedia _media = new();
    private readonly DirectoryInfo _models = Directory.CreateTempSubdirectory("yolo-models-");

    public OnnxModelTests()
    {
        Write("detect.onnx", TinyYolo.Model("detect", Names2, TinyYolo.Anchors(
            [32, 32, 20, 10, 0.9f, 0.1f],   // person: pixels 110–210 × 55–105
            [33, 32, 20, 10, 0.8f, 0.1f],   // the same person again, weaker: removed by NMS
            [10, 40, 8, 8, 0.05f, 0.7f],    // car: pixels 30–70 × 100–140
            [50, 20, 6, 6, 0.3f, 0.2f])));  // below the threshold
        var protos = new float[32 * 16 * 16];
        for (var y = 0; y < 16; y++)
        {
            for (var x = 0; x < 16; x++)
            {
                // Prototype 0 is high on proto cells x 4–11, y 6–9: input pixels x 16–48, y 24–40.
                protos[(y * 16) + x] = x is >= 4 and <= 11 && y is >= 6 and <= 9 ? 8 : -8;
            }
        }

        float[] coefficients = [1, .. new float[31]];
        Write("seg.onnx", TinyYolo.Model("segment", "{0: 'person'}",
            TinyYolo.Anchors([32, 32, 40, 20, 0.9f, .. coefficients]),
            ("output1", [1, 32, 16, 16], protos)));
        var keypoints = new float[17 * 3];
        (keypoints[0], keypoints[1], keypoints[2]) = (32, 28, 0.95f); // nose: pixel (160, 60)
        (keypoints[3], keypoints[4], keypoints[5]) = (30, 26, 0.3f);  // left eye: below model_point_threshold
        (keypoints[6], keypoints[7], keypoints[8]) = (34, 26, 0.8f);  // right eye: pixel (170, 50)
        Write("pose.onnx", TinyYolo.Model("pose", "{0: 'person'}", TinyYolo.Anchors([32, 32, 20, 20, 0.9f, .. keypoints])));
        Write("obb.onnx", TinyYolo.Model("obb", "{0: 'ship'}", TinyYolo.Anchors([32, 32, 20, 10, 0.9f, (float)(Math.PI / 2)])));
        Write("cls.onnx", TinyYolo.Model("classify", "{0: 'cat', 1: 'dog', 2: 'bird'}", ("output0", [1, 3], [0.1f, 0.7f, 0.2f])));
        Write("broken.onnx", TinyYolo.Model("detect", Names2, ("output0", [1, 7, 3], new float[21])));
    }

    [Fact]
    public async Task A_detect_model_gives_letterbox_corrected_boxes_after_nms_mapped_through_predicted_values()
    {
        const string config = """
            <View>
              <Image name="image" value="$image"/>
              <RectangleLabels name="label" toName="image" model_path="detect.onnx">
                <Label value="Person"/>
                <Label value="Vehicle" predicted_values="car,truck"/>
              </RectangleLabels>
            </View>
            """;
        await using var backend = await StartAsync();

        var prediction = (await backend.PredictAsync(config, [TestMedia.Task(1, "image", _media.Grey320x160())]))[0]!;

        var regions = prediction["result"]!.AsArray();
        Assert.Equal(2, regions.Count);
        AssertBox(regions[0]!, "rectanglelabels", "Person", 110 / 3.2, 55 / 1.6, 100 / 3.2, 50 / 1.6, 0.9);
        AssertBox(regions[1]!, "rectanglelabels", "Vehicle", 30 / 3.2, 100 / 1.6, 40 / 3.2, 40 / 1.6, 0.7);
        Assert.Equal(320, regions[0]!["original_width"]!.GetValue<int>());
        Assert.Equal((0.9 + 0.7) / 2, prediction["score"]!.GetValue<double>(), 5);
    }

    [Fact]
    public async Task An_obb_model_gives_a_rotated_box_anchored_at_its_rotated_top_left_corner()
    {
        const string config = """
            <View>
              <Image name="image" value="$image"/>
              <RectangleLabels name="label" toName="image" model_obb="true" model_path="obb.onnx">
                <Label value="Ship"/>
              </RectangleLabels>
            </View>
            """;
        await using var backend = await StartAsync();

        var region = (await backend.PredictAsync(config, [TestMedia.Task(1, "image", _media.Grey320x160())]))[0]!["result"]!.AsArray().Single()!;

        // Centre (160, 80), 100 × 50 pixels, turned 90° clockwise: the top-left corner (−50, −25) from the centre
        // moves to (+25, −50), i.e. pixel (185, 30).
        AssertBox(region, "rectanglelabels", "Ship", 185 / 3.2, 30 / 1.6, 100 / 3.2, 50 / 1.6, 0.9);
        Assert.Equal(90, region["value"]!["rotation"]!.GetValue<double>(), 3);
    }

    [Fact]
    public async Task A_segment_model_gives_the_outline_of_its_mask()
    {
        const string config = """
            <View>
              <Image name="image" value="$image"/>
              <PolygonLabels name="outline" toName="image" model_path="seg.onnx">
                <Label value="Person"/>
              </PolygonLabels>
            </View>
            """;
        await using var backend = await StartAsync();

        var region = (await backend.PredictAsync(config, [TestMedia.Task(1, "image", _media.Grey320x160())]))[0]!["result"]!.AsArray().Single()!;

        // The mask covers input pixels x 16–48, y 24–40: image pixels x 80–240, y 40–120, i.e. 25–75 % both ways.
        Assert.Equal("polygonlabels", region["type"]!.GetValue<string>());
        Assert.Equal("Person", region["value"]!["polygonlabels"]![0]!.GetValue<string>());
        Assert.True(region["value"]!["closed"]!.GetValue<bool>());
        var points = region["value"]!["points"]!.AsArray().Select(p => (X: p![0]!.GetValue<double>(), Y: p[1]!.GetValue<double>())).ToList();
        Assert.True(points.Count >= 4, $"{points.Count} points");
        Assert.InRange(points.Min(p => p.X), 24, 26);
        Assert.InRange(points.Max(p => p.X), 74, 76);
        Assert.InRange(points.Min(p => p.Y), 23.5, 26.5);
        Assert.InRange(points.Max(p => p.Y), 73.5, 76.5);
        Assert.Equal(0.9, region["score"]!.GetValue<double>(), 5);
    }

    [Fact]
    public async Task A_pose_model_gives_keypoints_linked_to_a_hidden_box()
    {
        const string config = """
            <View>
              <Image name="image" value="$image"/>
              <RectangleLabels name="kp_bbox" toName="image" model_skip="true">
                <Label value="person"/>
              </RectangleLabels>
              <KeyPointLabels name="kp" toName="image" model_path="pose.onnx" model_point_threshold="0.5" model_point_size="2">
                <Label value="nose" predicted_values="person" model_index="0"/>
                <Label value="left_eye" predicted_values="person" model_index="1"/>
                <Label value="right_eye" predicted_values="person" model_index="2"/>
              </KeyPointLabels>
            </View>
            """;
        await using var backend = await StartAsync();

        var regions = (await backend.PredictAsync(config, [TestMedia.Task(1, "image", _media.Grey320x160())]))[0]!["result"]!.AsArray();

        Assert.Equal(3, regions.Count);
        var box = regions[0]!;
        Assert.Equal("kp_bbox", box["from_name"]!.GetValue<string>());
        Assert.Equal("bbox-0", box["id"]!.GetValue<string>());
        Assert.True(box["hidden"]!.GetValue<bool>());
        AssertBox(box, "rectanglelabels", "person", 110 / 3.2, 30 / 1.6, 100 / 3.2, 100 / 1.6, 0.9);
        AssertPoint(regions[1]!, "nose", 50, 37.5, 0.95);
        AssertPoint(regions[2]!, "right_eye", 170 / 3.2, 50 / 1.6, 0.8);
        Assert.All(regions.Skip(1), point =>
        {
            Assert.Equal("bbox-0", point!["parentID"]!.GetValue<string>());
            Assert.Equal("bbox-0", point["meta"]!["text"]![0]!.GetValue<string>());
            Assert.Equal(2 / 3.2, point["value"]!["width"]!.GetValue<double>(), 5);
        });
    }

    [Theory]
    [InlineData("single", "0.5", new[] { "Dog" }, 0.7)]
    [InlineData("multiple", "0.15", new[] { "Dog", "Bird" }, 0.45)]
    [InlineData("single", "0.8", new string[0], 0)]
    public async Task A_classify_model_chooses_mapped_classes_by_the_choice_mode(string mode, string threshold, string[] expected, double score)
    {
        var config = $"""
            <View>
              <Image name="image" value="$image"/>
              <Choices name="kind" toName="image" choice="{mode}" model_score_threshold="{threshold}" model_path="cls.onnx">
                <Choice value="Cat"/>
                <Choice value="Dog"/>
                <Choice value="Bird"/>
              </Choices>
            </View>
            """;
        await using var backend = await StartAsync();

        var result = (await backend.PredictAsync(config, [TestMedia.Task(1, "image", _media.Grey320x160())]))[0]!["result"]!.AsArray();

        if (expected.Length == 0)
        {
            Assert.Empty(result);
            return;
        }

        var region = result.Single()!;
        Assert.Equal(expected, region["value"]!["choices"]!.AsArray().Select(c => c!.GetValue<string>()));
        Assert.Equal(score, region["score"]!.GetValue<double>(), 5);
    }

    [Fact]
    public async Task A_model_of_the_wrong_task_is_refused_naming_the_file_and_the_needed_signature()
    {
        const string config = """
            <View>
              <Image name="image" value="$image"/>
              <RectangleLabels name="label" toName="image" model_path="cls.onnx"><Label value="Dog"/></RectangleLabels>
            </View>
            """;
        await using var backend = await StartAsync();

        var answer = await backend.PostJsonAsync("/predict", PredictBody(config, TestMedia.Task(7, "image", _media.Grey320x160())));

        Assert.Equal(422, (int)answer.StatusCode);
        var message = await answer.Content.ReadAsStringAsync();
        Assert.Contains("Task 7", message, StringComparison.Ordinal);
        Assert.Contains("cls.onnx", message, StringComparison.Ordinal);
        Assert.Contains("'classify'", message, StringComparison.Ordinal);
        Assert.Contains("output0 [1, 4 + classes, anchors]", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_model_whose_outputs_fit_no_yolo_signature_is_refused_and_the_server_keeps_serving()
    {
        const string config = """
            <View>
              <Image name="image" value="$image"/>
              <RectangleLabels name="label" toName="image" model_path="broken.onnx"><Label value="Person"/></RectangleLabels>
            </View>
            """;
        await using var backend = await StartAsync();

        var answer = await backend.PostJsonAsync("/predict", PredictBody(config, TestMedia.Task(3, "image", _media.Grey320x160())));
        var message = await answer.Content.ReadAsStringAsync();

        Assert.Equal(422, (int)answer.StatusCode);
        Assert.Contains("broken.onnx", message, StringComparison.Ordinal);
        Assert.Contains("does not have the signature of a YOLO 'detect' model with 2 classes", message, StringComparison.Ordinal);
        Assert.Contains("[1, 7, 3]", message, StringComparison.Ordinal);
        Assert.Equal(200, (int)(await backend.Client.GetAsync("/health")).StatusCode);
    }

    [Fact]
    public async Task A_pytorch_model_path_asks_for_an_onnx_export()
    {
        const string config = """
            <View>
              <Image name="image" value="$image"/>
              <RectangleLabels name="label" toName="image" model_path="yolov8m.pt"><Label value="Person"/></RectangleLabels>
            </View>
            """;
        await using var backend = await StartAsync();

        var answer = await backend.PostJsonAsync("/predict", PredictBody(config, TestMedia.Task(3, "image", _media.Grey320x160())));

        Assert.Equal(422, (int)answer.StatusCode);
        Assert.Contains("format=onnx", await answer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _media.Dispose();
        _models.Delete(recursive: true);
    }

    internal static void AssertBox(JsonNode region, string type, string label, double x, double y, double width, double height, double score)
    {
        Assert.Equal(type, region["type"]!.GetValue<string>());
        var value = region["value"]!;
        Assert.Equal(label, value[type]![0]!.GetValue<string>());
        Assert.Equal(x, value["x"]!.GetValue<double>(), 3);
        Assert.Equal(y, value["y"]!.GetValue<double>(), 3);
        Assert.Equal(width, value["width"]!.GetValue<double>(), 3);
        Assert.Equal(height, value["height"]!.GetValue<double>(), 3);
        Assert.Equal(score, region["score"]!.GetValue<double>(), 5);
    }

    private static void AssertPoint(JsonNode region, string label, double x, double y, double score)
    {
        Assert.Equal("keypointlabels", region["type"]!.GetValue<string>());
        Assert.Equal(label, region["value"]!["keypointlabels"]![0]!.GetValue<string>());
        Assert.Equal(x, region["value"]!["x"]!.GetValue<double>(), 3);
        Assert.Equal(y, region["value"]!["y"]!.GetValue<double>(), 3);
        Assert.Equal(score, region["score"]!.GetValue<double>(), 5);
    }

    private static JsonObject PredictBody(string config, JsonObject task) => new()
    {
        ["tasks"] = new JsonArray(task),
        ["project"] = "1.1700000000",
        ["label_config"] = config,
    };

    private void Write(string name, byte[] model) => File.WriteAllBytes(Path.Combine(_models.FullName, name), model);

    private Task<TestBackend> StartAsync() => TestBackend.StartAsync<YoloModel>(
        new Dictionary<string, string?> { ["MODEL_ROOT"] = _models.FullName, ["TASK_DATA_ALLOWED_ROOTS"] = _media.Folder },
        services => services.AddYolo());
}
