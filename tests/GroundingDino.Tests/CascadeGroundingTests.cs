using System.Text.Json.Nodes;
using LabelStudio.ML.Examples.Vision;
using LabelStudio.ML.Testing;
using OpenCvSharp;
using VisionExamples.Testing;
using Xunit;

namespace GroundingDino.Tests;

/// <summary>grounding_dino without a model: the prompt's words choose OpenCV's cascades; over real HTTP.</summary>
public sealed class CascadeGroundingTests
{
    internal const string Config = """
        <View>
          <Image name="image" value="$image"/>
          <Style>.lsf-main-content.lsf-requesting .prompt::before { content: ' loading...'; color: #808080; }</Style>
          <View className="prompt">
            <TextArea name="prompt" toName="image" editable="true" rows="2" maxSubmissions="1" showSubmitButton="true"/>
          </View>
          <Number name="box_threshold" toName="image" min="0" max="1" step="0.01"/>
          <Number name="text_threshold" toName="image" min="0" max="1" step="0.01"/>
          <RectangleLabels name="label" toName="image">
            <Label value="Face" background="orange"/>
            <Label value="Eye" background="green"/>
          </RectangleLabels>
        </View>
        """;

    [Fact]
    public async Task The_prompt_face_finds_the_face_in_the_portrait()
    {
        await using var backend = await StartAsync();

        var results = await backend.PredictAsync(Config, [Portrait(1)], SmartToolContext.Of(SmartToolContext.Prompt("face")));

        var region = results[0]!["result"]!.AsArray().Single()!;
        Assert.Equal("rectanglelabels", region["type"]!.GetValue<string>());
        Assert.Equal("label", region["from_name"]!.GetValue<string>());
        Assert.Equal(["Face"], region["value"]!["rectanglelabels"]!.AsArray().Select(l => l!.GetValue<string>()));
        Assert.InRange(BoxIou(Box(region), TestImages.PortraitFace), 0.8, 1);
        Assert.InRange(region["score"]!.GetValue<double>(), GroundingThresholds.DefaultBox, 1);
    }

    [Fact]
    public async Task A_prompt_naming_nothing_a_cascade_knows_finds_nothing()
    {
        await using var backend = await StartAsync();

        var results = await backend.PredictAsync(Config, [Portrait(1)], SmartToolContext.Of(SmartToolContext.Prompt("unicorn")));

        Assert.Empty(results[0]!["result"]!.AsArray());
    }

    [Fact]
    public async Task A_saved_prompt_and_threshold_are_used_and_shown_when_no_prompt_is_sent()
    {
        await using var backend = await StartAsync(new() { ["TRAINING_MODE"] = "sync" });
        Assert.Empty(await backend.PredictAsync(Config, [Portrait(1)]));

        await backend.WebhookAsync("ANNOTATION_CREATED", Config, Portrait(1), [SmartToolContext.Prompt("face"), SmartToolContext.Number("box_threshold", 0.4)]);
        var results = await backend.PredictAsync(Config, [Portrait(1)]);

        var regions = results[0]!["result"]!.AsArray();
        var box = regions.Single(r => r!["type"]!.GetValue<string>() == "rectanglelabels")!;
        Assert.InRange(BoxIou(Box(box), TestImages.PortraitFace), 0.8, 1);
        var prompt = regions.Single(r => r!["type"]!.GetValue<string>() == "textarea")!;
        Assert.Equal("prompt", prompt["from_name"]!.GetValue<string>());
        Assert.Equal("face", prompt["value"]!["text"]![0]!.GetValue<string>());
        Assert.Equal(0.4, regions.Single(r => r!["from_name"]!.GetValue<string>() == "box_threshold")!["value"]!["number"]!.GetValue<double>());
        Assert.Equal(GroundingThresholds.DefaultText, regions.Single(r => r!["from_name"]!.GetValue<string>() == "text_threshold")!["value"]!["number"]!.GetValue<double>());
    }

    [Fact]
    public async Task A_box_threshold_above_every_score_leaves_no_box()
    {
        await using var backend = await StartAsync();

        var results = await backend.PredictAsync(Config, [Portrait(1)], SmartToolContext.Of(SmartToolContext.Prompt("face"), SmartToolContext.Number("box_threshold", 1)));

        Assert.Empty(results[0]!["result"]!.AsArray());
    }

    internal static JsonObject Portrait(long id) => TestImages.Task(id, TestImages.DataUri(File.ReadAllBytes(TestImages.PortraitPath), "image/jpeg"));

    internal static Rect Box(JsonNode region)
    {
        var value = region["value"]!;
        double Get(string key) => value[key]!.GetValue<double>() * 512 / 100;
        return new Rect((int)Math.Round(Get("x")), (int)Math.Round(Get("y")), (int)Math.Round(Get("width")), (int)Math.Round(Get("height")));
    }

    internal static double BoxIou(Rect a, Rect b)
    {
        var intersection = a & b;
        var shared = (double)intersection.Width * intersection.Height;
        return shared / ((a.Width * a.Height) + (b.Width * b.Height) - shared);
    }

    private static Task<TestBackend> StartAsync(Dictionary<string, string?>? settings = null) =>
        TestBackend.StartAsync<GroundingDinoModel>(settings, s => s.AddGroundedDetector());
}
