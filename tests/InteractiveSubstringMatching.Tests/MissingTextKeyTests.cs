using System.Text.Json.Nodes;
using InteractiveSubstringMatching.Tests.Support;
using LabelStudio.ML.Testing;
using Xunit;

namespace InteractiveSubstringMatching.Tests;

/// <summary>
/// A task without the data key the config's <c>Text</c> shows (<c>$text</c>) is the project's data problem: it is
/// answered 422 with a JSON error envelope that names the task and the key, and the server keeps serving.
/// </summary>
public sealed class MissingTextKeyTests
{
    [Fact]
    public async Task Is_answered_422_naming_the_task_and_the_key_and_the_next_call_succeeds()
    {
        await using var backend = await TestBackend.StartAsync<SubstringMatchingModel>();
        var taskWithoutText = new JsonObject { ["id"] = 4711, ["data"] = new JsonObject { ["content"] = "Apple and Apple" } };

        var failure = await Assert.ThrowsAsync<HttpRequestException>(() =>
            backend.PredictAsync(NerProject.LabelConfig, [taskWithoutText], NerProject.SelectionContext(0, 5, "Apple")));

        Assert.Equal(422, (int?)failure.StatusCode);
        var envelope = JsonNode.Parse(failure.Message[failure.Message.IndexOf('{', StringComparison.Ordinal)..])!.AsObject();
        Assert.Equal(422, envelope["status"]!.GetValue<int>());
        var detail = envelope["detail"]!.GetValue<string>();
        Assert.Contains("Task 4711", detail, StringComparison.Ordinal);
        Assert.Contains("'text'", detail, StringComparison.Ordinal);
        Assert.Contains("content", detail, StringComparison.Ordinal);
        Assert.NotNull(envelope["result"]?["traceback"]);

        var next = await backend.PredictAsync(NerProject.LabelConfig, [NerProject.Task(4712, "Apple and Apple")], NerProject.SelectionContext(0, 5, "Apple"));
        Assert.Equal([(10, 15, "Apple", 0.8)], NerProject.Spans(Assert.Single(next)));
    }

    [Fact]
    public async Task The_answer_is_json()
    {
        await using var backend = await TestBackend.StartAsync<SubstringMatchingModel>();
        var body = new JsonObject
        {
            ["tasks"] = new JsonArray(new JsonObject { ["id"] = 4711, ["data"] = new JsonObject() }),
            ["project"] = "3.1712586036",
            ["label_config"] = NerProject.LabelConfig,
            ["params"] = new JsonObject { ["context"] = NerProject.SelectionContext(0, 5, "Apple") },
        };

        using var response = await backend.PostJsonAsync("/predict", body);

        Assert.Equal(422, (int)response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var detail = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["detail"]!.GetValue<string>();
        Assert.Contains("Task 4711 has no data key 'text'", detail, StringComparison.Ordinal);
    }
}
