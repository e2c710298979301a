using System.Text.Json.Nodes;
using LabelStudio.ML.Testing;
using LabelStudio.ML.Tests.Support;
using Xunit;

namespace LabelStudio.ML.Tests.Training;

/// <summary>The server as a real process, killed or stopped in the middle of training, then started again on the same MODEL_DIR.</summary>
public sealed class CrashRecoveryTests : IDisposable
{
    private static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(30);
    private readonly string _modelDir = Directory.CreateTempSubdirectory("lsml-crash-").FullName;

    private static string Host => BackendProcess.LocateApplication("LabelStudio.ML.TrainingHost.dll", "tests/LabelStudio.ML.TrainingHost");

    public void Dispose()
    {
        try
        {
            Directory.Delete(_modelDir, recursive: true);
        }
        catch (IOException)
        {
            // Left in the temp folder; the outcome does not depend on it.
        }
    }

    private async Task<BackendProcess> StartAsync(int fitDelayMs, Dictionary<string, string>? more = null)
    {
        var environment = new Dictionary<string, string>
        {
            ["FIT_DELAY_MS"] = fitDelayMs.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["TRAINING_DEBOUNCE_MS"] = "0",
        };
        foreach (var (key, value) in more ?? [])
        {
            environment[key] = value;
        }

        var process = BackendProcess.Start(Host, environment: environment, modelDir: _modelDir);
        await process.WaitForHealthAsync(StartLimit);
        return process;
    }

    private static HttpClient ClientFor(BackendProcess process) => new() { BaseAddress = process.Address, Timeout = TimeSpan.FromSeconds(30) };

    private static async Task<JsonObject> PredictAsync(HttpClient client)
    {
        using var response = await client.PostAsync("/predict", new StringContent(
            Payloads.Predict(Payloads.SentimentConfig, "7.1700000000", Payloads.Task(1, "x")).ToJsonString(), System.Text.Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        return JsonNode.Parse(text)!["results"]![0]!.AsObject();
    }

    private static string Weights(JsonObject prediction) => prediction["result"]![0]!["value"]!["text"]![0]!.GetValue<string>();

    [Fact]
    public async Task A_kill_during_training_loses_nothing_and_the_job_runs_again()
    {
        string interrupted;
        await using (var first = await StartAsync(fitDelayMs: 0))
        {
            using var client = ClientFor(first);
            var trained = await TrainingCalls.WaitAsync(client, await TrainingCalls.SendAsync(client, TrainingEvent.StartTraining, 7));
            Assert.Equal("1.0.0", trained["model_version_after"]!.GetValue<string>());
            await first.StopAsync(StartLimit);
        }

        await using (var second = await StartAsync(fitDelayMs: 30_000))
        {
            using var client = ClientFor(second);
            interrupted = await TrainingCalls.SendAsync(client, TrainingEvent.StartTraining, 7);
            await TrainingCalls.WaitAsync(client, interrupted, job => job["progress"] is not null);
            await second.KillAsync();
        }

        // The re-run takes a while, so the predictions below are answered while it runs.
        await using var third = await StartAsync(fitDelayMs: 3000);
        using var restarted = ClientFor(third);

        // The last good model answers, with its own version, while the interrupted job runs again.
        await TrainingCalls.WaitAsync(restarted, interrupted, job => TrainingCalls.State(job) == "running");
        var prediction = await PredictAsync(restarted);
        Assert.Equal("1.0.0", prediction["model_version"]!.GetValue<string>());
        Assert.Equal("1.0.0", Weights(prediction));

        // The interrupted job ran again and produced the next version.
        var job = await TrainingCalls.WaitAsync(restarted, interrupted);
        Assert.Equal("succeeded", TrainingCalls.State(job));
        Assert.Equal(2, job["attempts"]!.GetValue<int>());
        Assert.Equal("2.0.0", job["model_version_after"]!.GetValue<string>());
        Assert.Equal("2.0.0", Weights(await PredictAsync(restarted)));
        Assert.Contains("re-queued", third.Output, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateDirectories(Path.Combine(_modelDir, "7"), ".draft-*"));
    }

    [Fact]
    public async Task Interrupted_jobs_can_be_failed_instead_of_run_again()
    {
        string interrupted;
        await using (var first = await StartAsync(fitDelayMs: 30_000))
        {
            using var client = ClientFor(first);
            interrupted = await TrainingCalls.SendAsync(client, TrainingEvent.StartTraining, 8);
            await TrainingCalls.WaitAsync(client, interrupted, job => TrainingCalls.State(job) == "running");
            await first.KillAsync();
        }

        await using var second = await StartAsync(fitDelayMs: 0, new() { ["TRAINING_INTERRUPTED_JOBS"] = "fail" });
        using var restarted = ClientFor(second);
        var job = await TrainingCalls.GetAsync(restarted, interrupted);
        Assert.Equal("failed", TrainingCalls.State(job));
        Assert.Contains("Interrupted", job["error"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("untrained", Weights(await PredictAsync(restarted)));
    }

    [Fact]
    public async Task A_graceful_stop_lets_a_short_fit_finish()
    {
        string jobId;
        await using (var first = await StartAsync(fitDelayMs: 1500))
        {
            using var client = ClientFor(first);
            jobId = await TrainingCalls.SendAsync(client, TrainingEvent.StartTraining, 9);
            await TrainingCalls.WaitAsync(client, jobId, job => TrainingCalls.State(job) == "running");
            Assert.True(await first.StopAsync(StartLimit), first.Output);
        }

        await using var second = await StartAsync(fitDelayMs: 0);
        using var restarted = ClientFor(second);
        var job = await TrainingCalls.GetAsync(restarted, jobId);
        Assert.Equal("succeeded", TrainingCalls.State(job));
        Assert.Equal(1, job["attempts"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_graceful_stop_past_its_limit_puts_the_job_back_in_the_queue()
    {
        string jobId;
        await using (var first = await StartAsync(fitDelayMs: 30_000, new() { ["TRAINING_SHUTDOWN_TIMEOUT_SECONDS"] = "1" }))
        {
            using var client = ClientFor(first);
            jobId = await TrainingCalls.SendAsync(client, TrainingEvent.StartTraining, 10);
            await TrainingCalls.WaitAsync(client, jobId, job => TrainingCalls.State(job) == "running");
            Assert.True(await first.StopAsync(StartLimit), first.Output);
        }

        await using var second = await StartAsync(fitDelayMs: 0);
        using var restarted = ClientFor(second);
        var job = await TrainingCalls.WaitAsync(restarted, jobId);
        Assert.Equal("succeeded", TrainingCalls.State(job));
        Assert.Equal(2, job["attempts"]!.GetValue<int>());
        Assert.Equal("1.0.0", job["model_version_after"]!.GetValue<string>());
    }
}
