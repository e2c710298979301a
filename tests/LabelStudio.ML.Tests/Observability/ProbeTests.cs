using System.Net;
using System.Text.Json.Nodes;
using LabelStudio.ML.Testing;
using LabelStudio.ML.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Xunit;

namespace LabelStudio.ML.Tests.Observability;

public sealed class ProbeTests
{
    private static async Task<(HttpStatusCode Status, JsonNode Body)> GetAsync(TestBackend backend, string path)
    {
        using var response = await backend.Client.GetAsync(path);
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }

    [Fact]
    public async Task Ready_is_503_until_the_first_warm_up_completes_then_200_then_503_while_draining()
    {
        var warmUp = new WarmUpSwitch();
        await using var backend = await TestBackend.StartAsync<SlowWarmUpModel>(
            new Dictionary<string, string?> { ["SHUTDOWN_DRAIN_SECONDS"] = "1" },
            services => services.AddSingleton(warmUp));
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(backend, "/ready")).Status);

        // The project's first prediction warms its version up; until that is done the replica is not ready.
        var prediction = backend.PredictAsync(Payloads.SentimentConfig, [Payloads.Task(1, "good")]);
        await MetricsWorkloadTests.WaitUntilAsync(() => Task.FromResult(warmUp.Started.Task.IsCompleted), "the warm-up to start");
        var (status, body) = await GetAsync(backend, "/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal(503, body["status"]!.GetValue<int>());
        Assert.Equal("Not ready: still loading model version 0.0.1 of project 1.", body["detail"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(backend, "/alive")).Status);
        var metrics = await MetricsWorkloadTests.ScrapeAsync(backend);
        Assert.Equal(0, metrics.Value("labelstudio_ml_ready"));

        warmUp.Release.SetResult();
        await prediction;
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(backend, "/ready")).Status);
        Assert.Equal(1, (await MetricsWorkloadTests.ScrapeAsync(backend)).Value("labelstudio_ml_ready"));

        // SIGTERM's in-process equivalent: the host is stopping; /ready says so while requests are still answered.
        backend.Services.GetRequiredService<IHostApplicationLifetime>().StopApplication();
        (status, body) = await GetAsync(backend, "/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal("Not ready: draining, the server is shutting down.", body["detail"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(backend, "/alive")).Status);
        Assert.Single(await backend.PredictAsync(Payloads.SentimentConfig, [Payloads.Task(2, "good")]));
    }

    [Fact]
    public async Task A_load_a_model_registers_holds_ready_and_a_failed_one_says_why()
    {
        await using var backend = await TestBackend.StartAsync<KeywordSentimentModel>();
        var readiness = backend.Services.GetRequiredService<BackendReadiness>();
        var loading = new TaskCompletionSource();
        readiness.Track("the ONNX model", loading.Task);
        Assert.Equal("Not ready: still loading the ONNX model.", (await GetAsync(backend, "/ready")).Body["detail"]!.GetValue<string>());

        loading.SetException(new FileNotFoundException("model.onnx is missing"));
        Assert.Equal("Not ready: loading the ONNX model failed: model.onnx is missing.", (await GetAsync(backend, "/ready")).Body["detail"]!.GetValue<string>());

        readiness.Track("the ONNX model", Task.CompletedTask);
        var (status, body) = await GetAsync(backend, "/ready");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("ready", body["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Probes_answer_without_credentials_when_basic_auth_protects_the_rest()
    {
        await using var backend = await TestBackend.StartAsync<KeywordSentimentModel>(
            new Dictionary<string, string?> { ["BASIC_AUTH_USER"] = "u", ["BASIC_AUTH_PASS"] = "p" });
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(backend, "/alive")).Status);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(backend, "/ready")).Status);
        using var health = await backend.Client.GetAsync("/health");
        Assert.Equal(HttpStatusCode.Unauthorized, health.StatusCode);
        using var metrics = await backend.Client.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.Unauthorized, metrics.StatusCode);
    }
}

internal sealed class WarmUpSwitch
{
    public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}

/// <summary>Warms each version up until the test releases it.</summary>
internal sealed class SlowWarmUpModel(WarmUpSwitch warmUp) : LabelStudioModel
{
    public override async Task WarmUpAsync(CancellationToken cancellationToken)
    {
        warmUp.Started.TrySetResult();
        await warmUp.Release.Task.WaitAsync(cancellationToken);
    }

    public override Task<ModelResponse?> PredictAsync(PredictRequest request, CancellationToken cancellationToken) =>
        Task.FromResult<ModelResponse?>(new ModelResponse(request.Tasks.Select(_ => new Prediction([]))));
}

/// <summary>The drain of a real process stopped with SIGTERM, as <c>docker stop</c> and Kubernetes stop it.</summary>
public sealed class DrainOnSigtermTests
{
    private static string Host => BackendProcess.LocateApplication("LabelStudio.ML.TrainingHost.dll", "tests/LabelStudio.ML.TrainingHost");

    [Fact]
    public async Task After_SIGTERM_ready_is_503_while_the_backend_still_serves_then_it_exits()
    {
        await using var process = BackendProcess.Start(Host, environment: new Dictionary<string, string> { ["SHUTDOWN_DRAIN_SECONDS"] = "10" });
        await process.WaitForHealthAsync(TimeSpan.FromSeconds(60));
        using var client = new HttpClient { BaseAddress = process.Address, Timeout = TimeSpan.FromSeconds(10) };
        using (var ready = await client.GetAsync("/ready"))
        {
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        }

        var stopping = process.StopAsync(TimeSpan.FromSeconds(60));
        await MetricsWorkloadTests.WaitUntilAsync(async () =>
        {
            using var ready = await client.GetAsync("/ready");
            return ready.StatusCode == HttpStatusCode.ServiceUnavailable;
        }, "/ready to answer 503");
        using (var alive = await client.GetAsync("/alive"))
        {
            Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
        }

        await MetricsWorkloadTests.WaitUntilAsync(() => Task.FromResult(process.Output.Contains("draining for 10 s", StringComparison.Ordinal)), "the drain's log line");
        Assert.True(await stopping);
    }
}
