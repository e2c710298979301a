using System.Text.Json.Nodes;
using Xunit;

namespace LabelStudio.ML.Frontend.Tests;

/// <summary>The check fails when the frontend would not show a prediction as sent.</summary>
[Collection(FrontendCollection.Name)]
public sealed class BrokenPredictionTests(FrontendChecker frontend)
{
    private const string Config = """
        <View>
          <Labels name="label" toName="text">
            <Label value="PER"/>
            <Label value="ORG"/>
          </Labels>
          <Text name="text" value="$text"/>
        </View>
        """;

    // The emoji is one code point (Label Studio's unit) but two UTF-16 units (C#'s and JavaScript's).
    private static readonly JsonObject Task = new() { ["id"] = 1, ["data"] = new JsonObject { ["text"] = "😀 Barack Obama visited Microsoft." } };

    private static JsonObject Span(string id, string fromName, int start, int end, string text, string label) => new()
    {
        ["id"] = id,
        ["from_name"] = fromName,
        ["to_name"] = "text",
        ["type"] = "labels",
        ["value"] = new JsonObject { ["start"] = start, ["end"] = end, ["text"] = text, ["labels"] = new JsonArray(label) },
    };

    private Task<FrontendVerdict> CheckAsync(string name, params JsonObject[] results) =>
        frontend.CheckAsync(Config, Task, new JsonObject { ["results"] = new JsonArray(new JsonObject { ["result"] = new JsonArray(results), ["score"] = 0.9 }) }, name);

    [Fact]
    public async Task A_correct_prediction_passes()
    {
        var verdict = await CheckAsync("correct.png", Span("a", "label", 2, 14, "Barack Obama", "PER"), Span("b", "label", 23, 32, "Microsoft", "ORG"));

        Assert.True(verdict.Ok, verdict.ToString());
        Assert.Equal(2, verdict.Loaded!["label/labels"]!.GetValue<int>());
        Assert.Equal(2, verdict.Json["dom"]!["highlightedSpans"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_wrong_from_name_fails()
    {
        var verdict = await CheckAsync("wrong-from-name.png", Span("a", "label", 2, 14, "Barack Obama", "PER"), Span("b", "ner", 23, 32, "Microsoft", "ORG"));

        Assert.False(verdict.Ok);
        Assert.Contains(verdict.Failures, failure => failure.Contains("from_name \"ner\"", StringComparison.Ordinal));
        Assert.Contains(verdict.Failures, failure => failure.Contains("ner/labels: sent 1, LSF loaded 0", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_label_the_config_does_not_define_fails()
    {
        var verdict = await CheckAsync("unknown-label.png", Span("a", "label", 2, 14, "Barack Obama", "CITY"));

        Assert.False(verdict.Ok);
        Assert.Contains(verdict.Failures, failure => failure.Contains("CITY", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Offsets_in_UTF16_units_fail()
    {
        // "Barack Obama" starts at UTF-16 index 3, code point 2.
        var verdict = await CheckAsync("utf16-offsets.png", Span("a", "label", 3, 15, "Barack Obama", "PER"));

        Assert.False(verdict.Ok);
        Assert.Contains(verdict.Failures, failure => failure.Contains("value.text is \"Barack Obama\"", StringComparison.Ordinal));
    }
}
