using System.Net;
using System.Text.Json.Nodes;
using LabelStudio.ML.Examples.Vision;
using LabelStudio.ML.Testing;
using VisionExamples.Testing;
using Xunit;

namespace SegmentAnything.Tests;

/// <summary>The offline path (no SAM model configured): smart-tool prompts segmented by GrabCut, answered over HTTP.</summary>
public sealed class GrabCutTests
{
    internal const string Config = """
        <View>
          <Image name="image" value="$image" zoom="true"/>
          <BrushLabels name="tag" toName="image">
            <Label value="Banana" background="#FF0000"/>
            <Label value="Orange" background="#0d14d3"/>
          </BrushLabels>
          <KeyPointLabels name="tag2" toName="image" smart="true">
            <Label value="Banana" smart="true" background="#000000" showInline="true"/>
            <Label value="Orange" smart="true" background="#000000" showInline="true"/>
          </KeyPointLabels>
          <RectangleLabels name="tag3" toName="image" smart="true">
            <Label value="Banana" background="#000000" showInline="true"/>
            <Label value="Orange" background="#000000" showInline="true"/>
          </RectangleLabels>
        </View>
        """;

    [Fact]
    public async Task A_click_on_the_disc_brings_back_its_mask_with_the_picked_label()
    {
        var (png, truth) = TestImages.Disc();
        await using var backend = await TestBackend.StartAsync<SegmentAnythingModel>(services: s => s.AddPromptSegmenter("SAM"));

        var results = await backend.PredictAsync(Config, [TestImages.Task(1, TestImages.DataUri(png))], SmartToolContext.Of(SmartToolContext.KeyPoint(50, 50, "Banana")));

        var region = results[0]!["result"]!.AsArray().Single()!;
        Assert.Equal("brushlabels", region["type"]!.GetValue<string>());
        Assert.Equal("tag", region["from_name"]!.GetValue<string>());
        Assert.Equal("image", region["to_name"]!.GetValue<string>());
        Assert.Equal("rle", region["value"]!["format"]!.GetValue<string>());
        Assert.Equal(["Banana"], region["value"]!["brushlabels"]!.AsArray().Select(l => l!.GetValue<string>()));
        Assert.Equal(200, region["original_width"]!.GetValue<int>());
        Assert.Equal(180, region["original_height"]!.GetValue<int>());
        Assert.InRange(TestImages.IntersectionOverUnion(TestImages.BrushMask(region), truth), 0.8, 1);
    }

    [Fact]
    public async Task A_box_around_the_disc_brings_back_its_mask()
    {
        var (png, truth) = TestImages.Disc();
        await using var backend = await TestBackend.StartAsync<SegmentAnythingModel>(services: s => s.AddPromptSegmenter("SAM"));

        // The box (50, 40)–(150, 140) in pixels of the 200 × 180 image.
        var results = await backend.PredictAsync(Config, [TestImages.Task(1, TestImages.DataUri(png))], SmartToolContext.Of(SmartToolContext.Box(25, 100.0 * 40 / 180, 50, 100.0 * 100 / 180, "Orange")));

        var region = results[0]!["result"]!.AsArray().Single()!;
        Assert.Equal("Orange", region["value"]!["brushlabels"]![0]!.GetValue<string>());
        Assert.InRange(TestImages.IntersectionOverUnion(TestImages.BrushMask(region), truth), 0.85, 1);
    }

    [Fact]
    public async Task A_batch_call_without_clicks_gets_no_predictions()
    {
        var (png, _) = TestImages.Disc();
        await using var backend = await TestBackend.StartAsync<SegmentAnythingModel>(services: s => s.AddPromptSegmenter("SAM"));

        var results = await backend.PredictAsync(Config, [TestImages.Task(1, TestImages.DataUri(png))]);

        Assert.Empty(results);
    }

    [Theory]
    [InlineData("data:image/png;base64,aGVsbG8=", "not an image")]
    [InlineData(null, "negative points")]
    public async Task Bad_input_is_a_422_naming_the_task_and_the_cause(string? image, string cause)
    {
        var (png, _) = TestImages.Disc();
        await using var backend = await TestBackend.StartAsync<SegmentAnythingModel>(services: s => s.AddPromptSegmenter("SAM"));
        var context = image is null
            ? SmartToolContext.Of(SmartToolContext.KeyPoint(5, 5, "Banana", positive: false))
            : SmartToolContext.Of(SmartToolContext.KeyPoint(50, 50, "Banana"));

        using var response = await backend.PostJsonAsync("/predict", PredictBody(TestImages.Task(7, image ?? TestImages.DataUri(png)), context));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var answer = await response.Content.ReadAsStringAsync();
        Assert.Contains("7", answer, StringComparison.Ordinal);
        Assert.Contains(cause, answer, StringComparison.Ordinal);
        // The server keeps serving.
        Assert.Single(await backend.PredictAsync(Config, [TestImages.Task(8, TestImages.DataUri(png))], SmartToolContext.Of(SmartToolContext.KeyPoint(50, 50, "Banana"))));
    }

    [Fact]
    public async Task Only_one_of_the_two_model_paths_stops_the_start_with_a_message()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => TestBackend.StartAsync<SegmentAnythingModel>(
            new Dictionary<string, string?> { ["SAM_ENCODER_PATH"] = "/models/encoder.onnx" }, s => s.AddPromptSegmenter("SAM")));

        Assert.Contains("SAM_DECODER_PATH", error.Message, StringComparison.Ordinal);
    }

    internal static JsonObject PredictBody(JsonObject task, JsonObject context) => new()
    {
        ["tasks"] = new JsonArray(task),
        ["project"] = "1.1700000000",
        ["label_config"] = Config,
        ["params"] = new JsonObject { ["context"] = context },
    };
}
