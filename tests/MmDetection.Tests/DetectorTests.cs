using System.Text.Json.Nodes;
using LabelStudio.ML.Testing;
using OpenCvSharp;
using TextExamples.Testing;
using Xunit;

namespace MmDetection.Tests;

/// <summary>
/// The detector runner on tiny ONNX models with mmdeploy's and Ultralytics' signatures (expected boxes worked out by
/// hand from the constants in the graphs), and the offline cascade on a real portrait, all over HTTP.
/// </summary>
public sealed class DetectorTests : IDisposable
{
    private const string Config = """
        <View>
          <Image name="image" value="$image"/>
          <RectangleLabels name="label" toName="image">
            <Label value="Airplane" predicted_values="airplane"/>
            <Label value="Car"/>
            <Label value="Face"/>
          </RectangleLabels>
        </View>
        """;

    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("mmdet-");

    [Fact]
    public async Task An_mmdeploy_model_gives_its_dets_in_original_pixels_with_labels_from_the_names_file()
    {
        // Input [1, 3, 64, 64]: the 320 × 160 image is resized by 0.2 to 64 × 32 at the top-left corner, so a model
        // point (x, y) is the pixel (x / 0.2, y / 0.2).
        var (model, names) = MmdeployModel();
        await using var backend = await StartAsync(new() { ["ONNX_MODEL_FILE"] = model, ["LABELS_FILE"] = names });

        var prediction = (await backend.PredictAsync(Config, [Task(1, Grey320x160())]))[0]!;

        var regions = prediction["result"]!.AsArray();
        Assert.Equal(2, regions.Count);
        AssertBox(regions[0]!, "Car", 110 / 3.2, 55 / 1.6, 100 / 3.2, 50 / 1.6, 0.9);
        AssertBox(regions[1]!, "Airplane", 10 / 3.2, 10 / 1.6, 50 / 3.2, 30 / 1.6, 0.6);
        Assert.Equal(0.75, prediction["score"]!.GetValue<double>(), 5);
    }

    [Fact]
    public async Task A_model_and_names_given_by_URL_predict_as_the_files_do_and_are_downloaded_once_per_MODEL_DIR()
    {
        var (model, names) = MmdeployModel();
        await using var server = await LoopbackFileServer.StartAsync();
        var modelUrl = server.AddFile("models", model);
        var namesUrl = server.AddFile("models", names);
        var modelDir = Directory.CreateDirectory(Path.Combine(_folder.FullName, "model-dir")).FullName;
        string fromFile;
        await using (var backend = await StartAsync(new() { ["ONNX_MODEL_FILE"] = model, ["LABELS_FILE"] = names }))
        {
            fromFile = WithoutRegionIds((await backend.PredictAsync(Config, [Task(1, Grey320x160())]))[0]!);
        }

        foreach (var start in new[] { 1, 2 })
        {
            await using var backend = await StartAsync(new() { ["ONNX_MODEL_FILE"] = modelUrl.AbsoluteUri, ["LABELS_FILE"] = namesUrl.AbsoluteUri }, modelDir);

            var fromUrl = WithoutRegionIds((await backend.PredictAsync(Config, [Task(1, Grey320x160())]))[0]!);

            Assert.Equal(fromFile, fromUrl);
            Assert.Equal(1, server.Requests("models/end2end.onnx"));
            Assert.Equal(1, server.Requests("models/classes.txt"));
        }

        // The copy sits under MODEL_DIR/downloaded-models/<sha256 of the URL>/<its file name>, the same bytes.
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(modelUrl.AbsoluteUri)));
        Assert.Equal(File.ReadAllBytes(model), File.ReadAllBytes(Path.Combine(modelDir, "downloaded-models", hash, "end2end.onnx")));
    }

    [Fact]
    public async Task A_model_URL_that_answers_404_stops_the_start_naming_the_variable_the_URL_without_secrets_and_the_cause()
    {
        await using var server = await LoopbackFileServer.StartAsync();
        var url = $"http://reader:s3cret@{server.Url.Authority}/models/missing.onnx?token=abc123";

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => StartAsync(new() { ["ONNX_MODEL_FILE"] = url }));

        Assert.Equal($"ONNX_MODEL_FILE: could not download http://{server.Url.Authority}/models/missing.onnx?…: the server answered 404 Not Found", error.Message);
        Assert.Equal(1, server.Requests("models/missing.onnx"));
    }

    [Fact]
    public async Task A_model_URL_larger_than_MODEL_DOWNLOAD_MAX_MB_stops_the_start_and_leaves_no_file()
    {
        await using var server = await LoopbackFileServer.StartAsync();
        var url = server.Add("models/big.onnx", new byte[(1 << 20) + 1]);
        var modelDir = Directory.CreateDirectory(Path.Combine(_folder.FullName, "model-dir")).FullName;

        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => StartAsync(new() { ["ONNX_MODEL_FILE"] = url.AbsoluteUri, ["MODEL_DOWNLOAD_MAX_MB"] = "1" }, modelDir));

        Assert.Equal($"ONNX_MODEL_FILE: could not download {url}: it is 1048577 bytes, more than the 1 MB MODEL_DOWNLOAD_MAX_MB allows", error.Message);
        Assert.Empty(Directory.GetFiles(Path.Combine(modelDir, "downloaded-models"), "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task A_yolo_detect_model_runs_through_the_same_detector()
    {
        // Ultralytics layout: letterboxed (16 pixels of padding at the top), names in the metadata.
        var model = Path.Combine(_folder.FullName, "yolo.onnx");
        File.WriteAllBytes(model, new OnnxGraph()
            .Input("images", OnnxGraph.Float, "1", "3", "64", "64")
            .Output("output0", OnnxGraph.Float, "1", "6", "1")
            .FloatTensor("value", [1, 6, 1], [32, 32, 20, 10, 0.2f, 0.8f])
            .Node("Identity", ["value"], ["output0"])
            .Metadata("names", "{0: 'airplane', 1: 'CAR'}")
            .ToModel());
        await using var backend = await StartAsync(new() { ["ONNX_MODEL_FILE"] = model });

        var region = (await backend.PredictAsync(Config, [Task(1, Grey320x160())]))[0]!["result"]!.AsArray().Single()!;

        AssertBox(region, "Car", 110 / 3.2, 55 / 1.6, 100 / 3.2, 50 / 1.6, 0.8);
    }

    [Fact]
    public async Task A_model_with_another_signature_stops_the_start_with_both_expected_signatures()
    {
        var model = Path.Combine(_folder.FullName, "other.onnx");
        File.WriteAllBytes(model, new OnnxGraph()
            .Input("images", OnnxGraph.Float, "1", "3", "64", "64")
            .Output("scores", OnnxGraph.Float, "1", "10")
            .FloatTensor("value", [1, 10], new float[10])
            .Node("Identity", ["value"], ["scores"])
            .Metadata("names", "{0: 'a', 1: 'b'}")
            .ToModel());
        var error = await Assert.ThrowsAsync<InvalidDataException>(() => StartAsync(new() { ["ONNX_MODEL_FILE"] = model }));
        var message = error.Message;

        Assert.Contains("other.onnx", message, StringComparison.Ordinal);
        Assert.Contains("dets [1, N, 5]", message, StringComparison.Ordinal);
        Assert.Contains("output0 [1, 4 + classes, anchors]", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_model_the_face_cascade_finds_the_face_in_the_portrait()
    {
        await using var backend = await StartAsync([]);
        var portrait = Path.Combine(AppContext.BaseDirectory, "Images", "grace_hopper_512x512.jpg");

        var region = (await backend.PredictAsync(Config, [Task(1, portrait)]))[0]!["result"]!.AsArray().Single()!;

        // The face spans about x 150–380, y 85–315 of the 512 × 512 portrait: centre near (265, 200) = (52 %, 39 %).
        var value = region["value"]!;
        Assert.Equal("Face", value["rectanglelabels"]![0]!.GetValue<string>());
        Assert.InRange(value["x"]!.GetValue<double>() + (value["width"]!.GetValue<double>() / 2), 43, 61);
        Assert.InRange(value["y"]!.GetValue<double>() + (value["height"]!.GetValue<double>() / 2), 29, 51);
        Assert.InRange(value["width"]!.GetValue<double>(), 29, 59);
    }

    public void Dispose() => _folder.Delete(recursive: true);

    private string Grey320x160()
    {
        var path = Path.Combine(_folder.FullName, "grey.png");
        using var image = new Mat(160, 320, MatType.CV_8UC3, Scalar.All(90));
        Cv2.ImWrite(path, image);
        return path;
    }

    private static JsonObject Task(long id, string path) => new() { ["id"] = id, ["data"] = new JsonObject { ["image"] = path } };

    /// <summary>The prediction as JSON without the regions' random ids.</summary>
    private static string WithoutRegionIds(JsonNode prediction)
    {
        foreach (var region in prediction["result"]!.AsArray())
        {
            region!.AsObject().Remove("id");
        }

        return prediction.ToJsonString();
    }

    private static void AssertBox(JsonNode region, string label, double x, double y, double width, double height, double score)
    {
        var value = region["value"]!;
        Assert.Equal(label, value["rectanglelabels"]![0]!.GetValue<string>());
        Assert.Equal(x, value["x"]!.GetValue<double>(), 3);
        Assert.Equal(y, value["y"]!.GetValue<double>(), 3);
        Assert.Equal(width, value["width"]!.GetValue<double>(), 3);
        Assert.Equal(height, value["height"]!.GetValue<double>(), 3);
        Assert.Equal(score, region["score"]!.GetValue<double>(), 5);
    }

    private Task<TestBackend> StartAsync(Dictionary<string, string?> settings, string? modelDir = null)
    {
        settings["TASK_DATA_ALLOWED_ROOTS"] = _folder.FullName + Path.PathSeparator + AppContext.BaseDirectory;
        return TestBackend.StartAsync<MmDetectionModel>(settings, services => services.AddMmDetection(), modelDir: modelDir);
    }

    /// <summary>
    /// An mmdeploy detector with input [1, 3, 64, 64] and three constant detections (classes car, car, airplane),
    /// and its names file.
    /// </summary>
    private (string Model, string Names) MmdeployModel()
    {
        var model = Path.Combine(_folder.FullName, "end2end.onnx");
        File.WriteAllBytes(model, new OnnxGraph()
            .Input("input", OnnxGraph.Float, "1", "3", "64", "64")
            .Output("dets", OnnxGraph.Float, "1", "3", "5")
            .Output("labels", OnnxGraph.Int64, "1", "3")
            .FloatTensor("dets_value", [1, 3, 5], [22, 11, 42, 21, 0.9f, 5, 5, 10, 10, 0.3f, 2, 2, 12, 8, 0.6f])
            .Int64Tensor("labels_value", [1, 3], [1, 1, 0])
            .Node("Identity", ["dets_value"], ["dets"])
            .Node("Identity", ["labels_value"], ["labels"])
            .ToModel());
        var names = Path.Combine(_folder.FullName, "classes.txt");
        File.WriteAllLines(names, ["airplane", "car"]);
        return (model, names);
    }
}
