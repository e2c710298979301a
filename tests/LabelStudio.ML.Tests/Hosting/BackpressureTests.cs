using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using LabelStudio.ML.Testing;
using LabelStudio.ML.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace LabelStudio.ML.Tests.Hosting;

public sealed class BackpressureTests
{
    private static Task<TestBackend> StartAsync(BlockingSwitch gate, Dictionary<string, string?> settings) =>
        TestBackend.StartAsync<BlockingModel>(settings, services => services.AddSingleton(gate));

    private static Task<HttpResponseMessage> PredictAsync(TestBackend backend, int taskId) =>
        backend.PostJsonAsync("/predict", Payloads.Predict(Payloads.SentimentConfig, "1.1", Payloads.Task(taskId, "x")));

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), "timed out waiting");
            await Task.Delay(10);
        }
    }

    [Fact]
    public async Task Beyond_the_running_and_waiting_limits_requests_get_503_at_once_with_Retry_After()
    {
        var gate = new BlockingSwitch();
        await using var backend = await StartAsync(gate, new() { ["MAX_CONCURRENT_PREDICTIONS"] = "2", ["MAX_QUEUED_PREDICTIONS"] = "1" });
        var held = new[] { PredictAsync(backend, 1), PredictAsync(backend, 2) };
        await WaitUntilAsync(() => Volatile.Read(ref gate.Entered) == 2);
        var waiting = PredictAsync(backend, 3);
        await Task.Delay(100);

        var clock = Stopwatch.StartNew();
        using (var rejected = await PredictAsync(backend, 4))
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2));
            Assert.Equal(HttpStatusCode.ServiceUnavailable, rejected.StatusCode);
            Assert.Equal("1", rejected.Headers.RetryAfter?.ToString());
            var envelope = JsonNode.Parse(await rejected.Content.ReadAsStringAsync())!;
            Assert.Equal(503, envelope["status"]!.GetValue<int>());
            Assert.Contains("2 predictions are running and 1 are waiting", envelope["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        }

        gate.Release.SetResult();
        foreach (var response in await Task.WhenAll([.. held, waiting]))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            response.Dispose();
        }
    }

    [Fact]
    public async Task A_request_that_waits_too_long_for_a_slot_gets_503()
    {
        var gate = new BlockingSwitch();
        await using var backend = await StartAsync(gate, new() { ["MAX_CONCURRENT_PREDICTIONS"] = "1", ["PREDICT_QUEUE_TIMEOUT_MS"] = "200" });
        var held = PredictAsync(backend, 1);
        await WaitUntilAsync(() => Volatile.Read(ref gate.Entered) == 1);

        using var response = await PredictAsync(backend, 2);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("no prediction slot came free within 200 ms", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        gate.Release.SetResult();
        (await held).Dispose();
    }

    [Fact]
    public async Task A_prediction_over_its_time_limit_is_cancelled_and_answered_504()
    {
        var gate = new BlockingSwitch();
        await using var backend = await StartAsync(gate, new() { ["PREDICT_TIMEOUT_SECONDS"] = "1" });
        using var response = await PredictAsync(backend, 1);

        Assert.Equal(HttpStatusCode.GatewayTimeout, response.StatusCode);
        Assert.Contains("longer than 1 s (PREDICT_TIMEOUT_SECONDS)", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True(gate.SawCancellation);

        // The slot it held is free again.
        gate.Release.SetResult();
        using var next = await PredictAsync(backend, 2);
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
    }
}
