using System.Text.Json.Nodes;
using InteractiveSubstringMatching.Tests.Support;
using LabelStudio.ML.Testing;
using Xunit;

namespace InteractiveSubstringMatching.Tests;

/// <summary>
/// The interactive call Label Studio made when a labeler selected "Apple" (code points 32–37) in a tweet and labeled
/// it ORG, replayed byte for byte over HTTP.
/// </summary>
public sealed class FixtureRequestTests
{
    private static async Task<JsonObject> CapturedRequestBodyAsync() =>
        JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Requests", "label_studio_interactive_text_span.json")))!.AsObject();

    [Fact]
    public async Task The_other_Apple_is_suggested_as_ORG_and_the_selected_one_is_not()
    {
        await using var backend = await TestBackend.StartAsync<SubstringMatchingModel>();

        using var response = await backend.PostJsonAsync("/predict", await CapturedRequestBodyAsync());

        Assert.Equal(200, (int)response.StatusCode);
        var results = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["results"]!.AsArray();
        var prediction = Assert.Single(results)!.AsObject();
        Assert.Equal("0.0.1", prediction["model_version"]!.GetValue<string>());

        // "We got hold of one of the first " is 32 characters, "Apple Watches to leave " 23 more: the second Apple is 55–60.
        var region = Assert.Single(prediction["result"]!.AsArray())!.AsObject();
        Assert.Equal("label", region["from_name"]!.GetValue<string>());
        Assert.Equal("text", region["to_name"]!.GetValue<string>());
        Assert.Equal("labels", region["type"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(region["id"]!.GetValue<string>()));
        var expectedValue = new JsonObject { ["start"] = 55, ["end"] = 60, ["text"] = "Apple", ["labels"] = new JsonArray("ORG") };
        Assert.True(JsonNode.DeepEquals(expectedValue, region["value"]), region["value"]!.ToJsonString());

        // "apple" against "Apple": a, p, p, l, e — all but the capital A agree, 4 of 5.
        Assert.Equal(0.8, region["score"]!.GetValue<double>(), 12);
        Assert.Equal(0.8, prediction["score"]!.GetValue<double>(), 12);
    }

    [Fact]
    public async Task The_tasks_extra_keys_and_the_contexts_extra_keys_are_ignored()
    {
        var body = await CapturedRequestBodyAsync();
        var task = body["tasks"]![0]!.AsObject();
        var bareTask = new JsonObject { ["id"] = task["id"]!.DeepClone(), ["data"] = task["data"]!.DeepClone() };
        var bareContext = new JsonObject { ["result"] = body["params"]!["context"]!["result"]!.DeepClone() };
        await using var backend = await TestBackend.StartAsync<SubstringMatchingModel>();

        var fromCapturedShape = await backend.PredictAsync(body["label_config"]!.GetValue<string>(), [task.DeepClone().AsObject()], body["params"]!["context"]!.DeepClone().AsObject());
        var fromBareShape = await backend.PredictAsync(body["label_config"]!.GetValue<string>(), [bareTask], bareContext);

        Assert.Equal(NerProject.Spans(fromCapturedShape[0]), NerProject.Spans(fromBareShape[0]));
        Assert.Equal([(55, 60, "Apple", 0.8)], NerProject.Spans(fromBareShape[0]));
    }
}
