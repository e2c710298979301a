using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using LabelStudio.ML.Testing;
using LabelStudio.ML.Tests.Support;
using Xunit;

namespace LabelStudio.ML.Tests.Redis;

/// <summary>
/// Replicas of the training test backend as real processes on CACHE_TYPE=redis: one key prefix per test, so the
/// tests of a class share one Redis server without seeing each other's keys, and one shared MODEL_DIR (the volume
/// replicas mount).
/// </summary>
internal sealed class RedisReplicas : IAsyncDisposable
{
    private static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(30);
    private readonly List<BackendProcess> _processes = [];
    private readonly string _prefix = $"test-{Guid.NewGuid():N}:";

    public RedisReplicas(RedisServer redis) => Redis = redis;

    public RedisServer Redis { get; }

    public string ModelDir { get; } = Directory.CreateTempSubdirectory("lsml-replicas-").FullName;

    private static string Host => BackendProcess.LocateApplication("LabelStudio.ML.TrainingHost.dll", "tests/LabelStudio.ML.TrainingHost");

    /// <summary>Starts <paramref name="count"/> replicas (in parallel) and waits until each answers /health.</summary>
    public async Task<BackendProcess[]> StartAsync(int count, Dictionary<string, string>? settings = null, bool ownModelDirs = false)
    {
        var environment = new Dictionary<string, string>
        {
            ["CACHE_TYPE"] = "redis",
            ["REDIS_URL"] = Redis.Url,
            ["REDIS_KEY_PREFIX"] = _prefix,
            ["TRAINING_DEBOUNCE_MS"] = "0",
            // Long enough that a loaded test machine never lets a live replica's lease lapse; the kill test shortens it.
            ["TRAINING_LEASE_MS"] = "5000",
        };
        foreach (var (key, value) in settings ?? [])
        {
            environment[key] = value;
        }

        var started = Enumerable.Range(0, count)
            .Select(_ => BackendProcess.Start(Host, environment: environment, modelDir: ownModelDirs ? null : ModelDir))
            .ToArray();
        _processes.AddRange(started);
        await Task.WhenAll(started.Select(process => process.WaitForHealthAsync(StartLimit)));
        return started;
    }

    /// <summary>The name a replica gives itself (host name and process id), as job records show it.</summary>
    public static string ReplicaName(BackendProcess process) => $"{Environment.MachineName}:{process.ProcessId}";

    public static HttpClient ClientFor(BackendProcess process) => new() { BaseAddress = process.Address, Timeout = TimeSpan.FromSeconds(30) };

    public static Task<HttpResponseMessage> PostAsync(HttpClient client, string path, JsonObject body) =>
        client.PostAsync(path, new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"));

    /// <summary>One prediction of project <paramref name="project"/>: the text it answers (weights, or a state value) and its model version.</summary>
    public static async Task<(string Text, string Version)> PredictAsync(HttpClient client, long project, string? stateKey = null)
    {
        var task = Payloads.Task(1, "x");
        if (stateKey is not null)
        {
            task["data"]!["state_key"] = stateKey;
        }

        using var response = await PostAsync(client, "/predict", Payloads.Predict(Payloads.SentimentConfig, $"{project}.1700000000", task));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        var prediction = JsonNode.Parse(text)!["results"]![0]!;
        return (prediction["result"]![0]!["value"]!["text"]![0]!.GetValue<string>(), prediction["model_version"]!.GetValue<string>());
    }

    public static string Weights(int fits) => string.Create(CultureInfo.InvariantCulture, $"{fits}.0.0");

    public async ValueTask DisposeAsync()
    {
        foreach (var process in _processes)
        {
            await process.DisposeAsync();
        }

        try
        {
            Directory.Delete(ModelDir, recursive: true);
        }
        catch (IOException)
        {
            // Left in the temp folder; the outcome does not depend on it.
        }
    }
}
