using System.Text.Json.Nodes;
using OpenCvSharp;
using Xunit;

namespace LabelStudio.ML.Examples.Vision.Tests;

/// <summary>Reading smart-tool and text prompts from interactive contexts, and naming labels by phrase.</summary>
public sealed class PromptTests
{
    private static JsonObject Region(string type, JsonObject value, bool? positive = null)
    {
        var region = new JsonObject { ["type"] = type, ["from_name"] = "kp", ["to_name"] = "img", ["value"] = value };
        if (positive is { } flag)
        {
            region["is_positive"] = flag;
        }

        return region;
    }

    [Fact]
    public void Keypoints_keep_their_is_positive_flag_and_the_last_rectangle_is_the_box()
    {
        var prompt = SmartToolPrompt.From(
        [
            Region("keypointlabels", new JsonObject { ["x"] = 10, ["y"] = 20, ["keypointlabels"] = new JsonArray("Cat") }, positive: true),
            Region("keypointlabels", new JsonObject { ["x"] = 30, ["y"] = 40, ["keypointlabels"] = new JsonArray("Cat") }, positive: false),
            Region("keypointlabels", new JsonObject { ["x"] = 50, ["y"] = 60, ["keypointlabels"] = new JsonArray("Cat") }),
            Region("rectanglelabels", new JsonObject { ["x"] = 0, ["y"] = 0, ["width"] = 10, ["height"] = 10, ["rectanglelabels"] = new JsonArray("Dog") }),
            Region("rectanglelabels", new JsonObject { ["x"] = 25, ["y"] = 50, ["width"] = 50, ["height"] = 25, ["rectanglelabels"] = new JsonArray("Dog") }),
            Region("textarea", new JsonObject { ["text"] = new JsonArray("ignored") }),
        ])!;

        Assert.Equal("img", prompt.ToName);
        Assert.Equal("Cat", prompt.Label);
        Assert.Equal([(10.0, 20.0, true), (30.0, 40.0, false), (50.0, 60.0, true)], prompt.Points);
        Assert.Equal((25.0, 50.0, 50.0, 25.0), prompt.Box);

        using var image = TaskImage.Decode(new Mat(100, 200, MatType.CV_8UC3, Scalar.All(0)).ImEncode(".png"), "test");
        var pixels = prompt.ToPixels(image);
        Assert.Equal([new Point(20, 20), new Point(100, 60)], pixels.Positive);
        Assert.Equal([new Point(60, 40)], pixels.Negative);
        Assert.Equal(new Rect(50, 50, 100, 25), pixels.Box);
    }

    [Fact]
    public void A_context_without_smart_tool_regions_is_no_prompt()
    {
        Assert.Null(SmartToolPrompt.From([Region("textarea", new JsonObject { ["text"] = new JsonArray("cat") })]));
        Assert.Null(SmartToolPrompt.From([]));
    }

    [Fact]
    public void The_text_prompt_and_the_threshold_numbers_are_read_and_survive_the_store()
    {
        JsonObject Number(string name, double value) => new() { ["type"] = "number", ["from_name"] = name, ["value"] = new JsonObject { ["number"] = value } };
        var prompt = GroundingPrompt.From(
        [
            Number("box_threshold_1", 0.4),
            new JsonObject { ["type"] = "textarea", ["from_name"] = "prompt", ["to_name"] = "image", ["value"] = new JsonObject { ["text"] = new JsonArray(" cat . dog ") } },
            Number("text_threshold", 0.2),
            Number("other", 0.9),
        ])!;

        Assert.Equal(new GroundingPrompt("cat . dog", "prompt", "image", 0.4, 0.2), prompt);
        Assert.Equal(prompt, GroundingPrompt.FromJson(prompt.ToJson()));
        Assert.Equal(new GroundingThresholds(0.4, 0.2), prompt.Thresholds(new GroundingThresholds()));
        Assert.Equal(new GroundingThresholds(0.3, 0.25), (prompt with { BoxThreshold = null, TextThreshold = null }).Thresholds(new GroundingThresholds()));
        Assert.Null(GroundingPrompt.From([new JsonObject { ["type"] = "textarea", ["value"] = new JsonObject { ["text"] = new JsonArray("  ") } }]));
    }

    [Theory]
    [InlineData("faces", "Face")]
    [InlineData("FACE", "Face")]
    [InlineData("a red car", "Car")]
    [InlineData("unicorn", null)]
    public void A_phrase_names_the_config_label_it_means(string phrase, string? label)
    {
        var control = LabelConfig.Parse("""<View><Image name="image" value="$image"/><RectangleLabels name="label" toName="image"><Label value="Face"/><Label value="Car"/></RectangleLabels></View>""").GetControl("label");

        Assert.Equal(label is null ? [] : [label], PhraseLabels.Match(control, phrase));
    }
}
