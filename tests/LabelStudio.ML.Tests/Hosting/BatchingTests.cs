using System.Net;
using System.Text.Json.Nodes;
using LabelStudio.ML.Testing;
using LabelStudio.ML.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace LabelStudio.ML.Tests.Hosting;

public sealed class BatchingTests
{
    private static Task<TestBackend> StartAsync(BatchLog log, Dictionary<string, string?>? settings = null) =>
        TestBackend.StartAsync<EchoBatchModel>(settings, services => services.AddSingleton(log));

    private static async Task<(HttpStatusCode Status, string? Text)> PredictAsync(TestBackend backend, string text, JsonObject? context = null)
    {
        var body = Payloads.Predict(Payloads.SentimentConfig, "1.1", Payloads.Task(1, text));
        body["params"]!["context"] = context;
        using var response = await backend.PostJsonAsync("/predict", body);
        var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        return (response.StatusCode, response.IsSuccessStatusCode ? answer["results"]![0]!["result"]![0]!["value"]!["text"]![0]!.GetValue<string>() : null);
    }

    [Fact]
    public async Task Concurrent_requests_share_model_calls_and_each_gets_its_own_prediction()
    {
        var log = new BatchLog();
        await using var backend = await StartAsync(log);
        var texts = Enumerable.Range(0, 8).Select(i => $"text {i}").ToList();

        var answers = await Task.WhenAll(texts.Select(text => PredictAsync(backend, text)));

        Assert.Equal(texts, answers.Select(answer => answer.Text));
        Assert.Equal(8, log.Calls.Sum(call => call.Tasks));
        Assert.True(log.Calls.Count < 8, $"{log.Calls.Count} model calls for 8 requests");
        Assert.Contains(log.Calls, call => call.Tasks > 1);
    }

    [Fact]
    public async Task A_failing_task_fails_only_its_own_request()
    {
        var log = new BatchLog();
        await using var backend = await StartAsync(log);
        var texts = new[] { "a", "b", "fail", "c" };

        var answers = await Task.WhenAll(texts.Select(text => PredictAsync(backend, text)));

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.InternalServerError, HttpStatusCode.OK], answers.Select(answer => answer.Status));
        Assert.Equal(["a", "b", null, "c"], answers.Select(answer => answer.Text));
    }

    [Fact]
    public async Task Interactive_calls_are_never_batched()
    {
        var log = new BatchLog();
        await using var backend = await StartAsync(log);
        var context = new JsonObject { ["result"] = new JsonArray(new JsonObject { ["type"] = "labels", ["value"] = new JsonObject { ["text"] = "x" } }) };

        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => PredictAsync(backend, $"t{i}", (JsonObject)context.DeepClone())));

        Assert.All(answers, answer => Assert.Equal(HttpStatusCode.OK, answer.Status));
        Assert.Equal(4, log.Calls.Count);
        Assert.All(log.Calls, call => Assert.True(call.Interactive && call.Tasks == 1));
    }

    [Fact]
    public async Task Batching_can_be_switched_off_without_a_rebuild()
    {
        var log = new BatchLog();
        await using var backend = await StartAsync(log, new() { ["BATCHING"] = "off" });

        await Task.WhenAll(Enumerable.Range(0, 4).Select(i => PredictAsync(backend, $"t{i}")));

        Assert.Equal(4, log.Calls.Count);
        Assert.All(log.Calls, call => Assert.Equal(1, call.Tasks));
    }
}
