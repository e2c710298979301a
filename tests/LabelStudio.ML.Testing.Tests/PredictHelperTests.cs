using System.Net;
using System.Text.Json.Nodes;
using LabelStudio.ML.Testing.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace LabelStudio.ML.Testing.Tests;

/// <summary>
/// <see cref="TestBackend.PredictAsync"/> sends <c>/predict</c> in Label Studio's shape (tasks, project uid, label config,
/// params with login, password and context) and returns the <c>results</c> array; a non-200 answer is an exception.
/// </summary>
public sealed class PredictHelperTests
{
    private static JsonObject Task(long id, string text) => new() { ["id"] = id, ["data"] = new JsonObject { ["text"] = text } };

    [Fact]
    public async Task Returns_one_result_per_task_in_order()
    {
        await using var backend = await TestBackend.StartAsync<KeywordSentimentModel>();

        var results = await backend.PredictAsync(KeywordSentimentModel.LabelConfig, [Task(1, "a good day"), Task(2, "a dull day")]);

        Assert.Equal(2, results.Count);
        Assert.Equal("Positive", results[0]!["result"]![0]!["value"]!["choices"]![0]!.GetValue<string>());
        Assert.Equal("Negative", results[1]!["result"]![0]!["value"]!["choices"]![0]!.GetValue<string>());
        Assert.Equal("sentiment", results[0]!["result"]![0]!["from_name"]!.GetValue<string>());
        Assert.Equal(0.5, results[0]!["score"]!.GetValue<double>());
        Assert.Equal("0.0.1", results[0]!["model_version"]!.GetValue<string>());
    }

    [Fact]
    public async Task Sends_the_project_the_label_config_and_null_credentials_as_Label_Studio_does()
    {
        var received = new ReceivedPredictRequests();
        await using var backend = await TestBackend.StartAsync<KeywordSentimentModel>(services: services => services.AddSingleton(received));

        await backend.PredictAsync(KeywordSentimentModel.LabelConfig, [Task(41, "good"), Task(42, "bad")], project: "17.1712586036");

        var request = Assert.Single(received.All);
        Assert.Equal("17", request.ProjectId);
        Assert.Equal(KeywordSentimentModel.LabelConfig, request.LabelConfigXml);
        Assert.Equal([41L, 42L], request.TaskIds);
        Assert.Null(request.Login);
        Assert.Null(request.Password);
        // Label Studio sends "context": null for batch predictions.
        Assert.Null(request.Context);
    }

    [Fact]
    public async Task Sends_the_given_interactive_context()
    {
        var received = new ReceivedPredictRequests();
        await using var backend = await TestBackend.StartAsync<KeywordSentimentModel>(services: services => services.AddSingleton(received));
        var context = new JsonObject { ["result"] = new JsonArray(new JsonObject { ["from_name"] = "sentiment", ["type"] = "choices" }) };

        await backend.PredictAsync(KeywordSentimentModel.LabelConfig, [Task(1, "good")], context);

        Assert.True(JsonNode.DeepEquals(context, Assert.Single(received.All).Context));
    }

    [Fact]
    public async Task A_non_200_answer_throws_with_the_status_and_the_answer_text()
    {
        await using var backend = await TestBackend.StartAsync<KeywordSentimentModel>();
        var taskWithoutText = new JsonObject { ["id"] = 9, ["data"] = new JsonObject { ["body"] = "good" } };

        var failure = await Assert.ThrowsAsync<HttpRequestException>(() => backend.PredictAsync(KeywordSentimentModel.LabelConfig, [taskWithoutText]));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, failure.StatusCode);
        Assert.StartsWith("/predict answered 422: {", failure.Message, StringComparison.Ordinal);
        Assert.Contains("Task 9 has no data key 'text'", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_backend_keeps_serving_after_a_failed_call()
    {
        await using var backend = await TestBackend.StartAsync<KeywordSentimentModel>();
        await Assert.ThrowsAsync<HttpRequestException>(() => backend.PredictAsync("<View>not closed", [Task(1, "good")]));

        var results = await backend.PredictAsync(KeywordSentimentModel.LabelConfig, [Task(2, "good")]);

        Assert.Single(results);
    }
}
