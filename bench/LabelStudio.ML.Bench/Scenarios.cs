using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using LabelStudio.ML.Testing;

namespace LabelStudio.ML.Bench;

/// <summary>The scenarios: each starts its own server processes, so peak memory belongs to one scenario.</summary>
internal static class Scenarios
{
    private const string Config =
        "<View><Text name=\"text\" value=\"$text\"/><Choices name=\"sentiment\" toName=\"text\"><Choice value=\"Positive\"/><Choice value=\"Negative\"/></Choices></View>";

    private static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(60);

    public static async Task<IReadOnlyList<BenchRow>> RunAsync(string scenario, BenchOptions options)
    {
        Console.WriteLine($"running {scenario} …");
        return scenario switch
        {
            "health" => await AgainstBaselineAsync(scenario, null, options).ConfigureAwait(false),
            "predict-trivial" => await AgainstBaselineAsync(scenario, PredictBody(1), options).ConfigureAwait(false),
            "predict-batch-100" => await AloneAsync(scenario, "trivial", PredictBody(100), options, options.Concurrency, []).ConfigureAwait(false),
            "overload" => await AloneAsync(scenario, "slow", PredictBody(1), options, [256], new Dictionary<string, string>
            {
                ["MAX_CONCURRENT_PREDICTIONS"] = "8",
                ["SLOW_MODEL_MS"] = "20",
            }).ConfigureAwait(false),
            "predict-minilm" => await MiniLmAsync(options).ConfigureAwait(false),
            "cold-start" => await ColdStartAsync().ConfigureAwait(false),
            "examples-100" => await ExampleThroughput.RunAsync(options).ConfigureAwait(false),
            "sam-interactive" => await SamClickLatency.RunAsync(options).ConfigureAwait(false),
            "predict-trivial-redis" => await ReplicasAsync(PredictBody(1), options).ConfigureAwait(false),
            "predict-large-body" => await LargeBodyAsync(options).ConfigureAwait(false),
            _ => throw new ArgumentOutOfRangeException(nameof(scenario), scenario, "unknown scenario"),
        };
    }

    /// <summary>One task per request, shaped as Label Studio sends it, or <paramref name="tasks"/> tasks.</summary>
    public static byte[] PredictBody(int tasks)
    {
        var array = new JsonArray();
        for (var i = 0; i < tasks; i++)
        {
            array.Add(new JsonObject
            {
                ["id"] = 1000 + i,
                ["data"] = new JsonObject { ["text"] = $"The new update made the app so much faster, love it! ({i})" },
                ["annotations"] = new JsonArray(),
                ["predictions"] = new JsonArray(),
            });
        }

        var body = new JsonObject
        {
            ["tasks"] = array,
            ["project"] = "7.1712586036",
            ["label_config"] = Config,
            ["params"] = new JsonObject { ["login"] = null, ["password"] = null, ["context"] = null },
        };
        return Encoding.UTF8.GetBytes(body.ToJsonString());
    }

    /// <summary>
    /// One very large <c>/predict</c> batch (2,000 tasks of 20 KB text, about 40 MB) at a time: the SDK reads it as it
    /// arrives, task by task. <b>Baseline in the same run</b>: bare Kestrel parsing the same body whole into a JSON tree
    /// (<c>JsonNode.ParseAsync</c>), the usual way; the note compares the servers' peak memory.
    /// </summary>
    private static async Task<IReadOnlyList<BenchRow>> LargeBodyAsync(BenchOptions options)
    {
        var body = LargeBody(tasks: 2000, textBytes: 20_000);
        var environment = new Dictionary<string, string> { ["MAX_REQUEST_BODY_SIZE"] = "209715200" };
        await using var sdk = await StartHostAsync("trivial", environment).ConfigureAwait(false);
        await using var baseline = await StartHostAsync("baseline", environment).ConfigureAwait(false);
        var bare = await LoadGenerator.RunAsync(new Uri(baseline.Address, "/predict-parsed"), body, 1, options.Duration, options.MaxRequests).ConfigureAwait(false);
        var measured = await LoadGenerator.RunAsync(new Uri(sdk.Address, "/predict"), body, 1, options.Duration, options.MaxRequests).ConfigureAwait(false);
        var (bareRss, sdkRss) = (PeakRssMb(baseline), PeakRssMb(sdk));
        var size = string.Create(CultureInfo.InvariantCulture, $"{body.Length / 1e6:0.#} MB body");
        var ratio = bareRss is > 0 && sdkRss is { } rss ? string.Create(CultureInfo.InvariantCulture, $"; peak RSS {rss / bareRss.Value:0.00}x the baseline's") : string.Empty;
        BenchRow[] rows =
        [
            new("kestrel-parse-large-body", 1, bare, null, bareRss, $"baseline: bare Kestrel, JsonNode.ParseAsync of the whole {size}"),
            new("predict-large-body", 1, measured, measured.RequestsPerSecond / bare.RequestsPerSecond, sdkRss, $"{size}, 2,000 tasks, read as it arrives{ratio}"),
        ];
        Console.WriteLine(rows[^1].SummaryLine());
        return rows;
    }

    private static byte[] LargeBody(int tasks, int textBytes)
    {
        var text = string.Create(textBytes, 0, (span, _) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = i % 7 == 6 ? ' ' : (char)('a' + (i % 26));
            }
        });
        var array = new JsonArray();
        for (var i = 0; i < tasks; i++)
        {
            array.Add(new JsonObject { ["id"] = i, ["data"] = new JsonObject { ["text"] = text }, ["annotations"] = new JsonArray(), ["predictions"] = new JsonArray() });
        }

        var body = new JsonObject { ["tasks"] = array, ["project"] = "7.1712586036", ["label_config"] = Config, ["params"] = new JsonObject { ["context"] = null } };
        return Encoding.UTF8.GetBytes(body.ToJsonString());
    }

    /// <summary>The SDK's trivial backend and bare Kestrel, measured alternately at each concurrency.</summary>
    private static async Task<IReadOnlyList<BenchRow>> AgainstBaselineAsync(string scenario, byte[]? body, BenchOptions options)
    {
        var path = body is null ? "/health" : "/predict";
        await using var sdk = await StartHostAsync("trivial", []).ConfigureAwait(false);
        await using var baseline = await StartHostAsync("baseline", []).ConfigureAwait(false);
        var rows = new List<BenchRow>();
        foreach (var concurrency in options.Concurrency)
        {
            var bare = await LoadGenerator.RunAsync(new Uri(baseline.Address, path), body, concurrency, options.Duration, options.MaxRequests).ConfigureAwait(false);
            var measured = await LoadGenerator.RunAsync(new Uri(sdk.Address, path), body, concurrency, options.Duration, options.MaxRequests).ConfigureAwait(false);
            rows.Add(new BenchRow($"kestrel-{scenario}", concurrency, bare, null, PeakRssMb(baseline), "baseline: bare Kestrel, same bytes"));
            rows.Add(new BenchRow(scenario, concurrency, measured, measured.RequestsPerSecond / bare.RequestsPerSecond, PeakRssMb(sdk)));
            Console.WriteLine(rows[^1].SummaryLine());
        }

        return rows;
    }

    private static async Task<IReadOnlyList<BenchRow>> AloneAsync(
        string scenario, string server, byte[] body, BenchOptions options, IReadOnlyList<int> levels, Dictionary<string, string> environment)
    {
        await using var sdk = await StartHostAsync(server, environment).ConfigureAwait(false);
        var rows = new List<BenchRow>();
        foreach (var concurrency in levels)
        {
            var measured = await LoadGenerator.RunAsync(new Uri(sdk.Address, "/predict"), body, concurrency, options.Duration, options.MaxRequests).ConfigureAwait(false);
            var note = scenario == "overload" ? "limit 8 running, 128 waiting; 20 ms model" : null;
            rows.Add(new BenchRow(scenario, concurrency, measured, null, PeakRssMb(sdk), note));
            Console.WriteLine(rows[^1].SummaryLine());
        }

        return rows;
    }

    /// <summary>
    /// bert_classifier (MiniLM encoder + trained head) with and without adaptive batching: the same single-task
    /// requests, concurrently; batching should turn them into fewer, larger encoder calls.
    /// </summary>
    private static async Task<IReadOnlyList<BenchRow>> MiniLmAsync(BenchOptions options)
    {
        var levels = options.Concurrency.Append(16).Distinct().Order().ToList();
        var body = MiniLmTraining.PredictBody();
        var rows = new List<BenchRow>();
        var unbatched = new Dictionary<int, Measurement>();
        foreach (var batching in new[] { "off", "auto" })
        {
            var example = BackendProcess.LocateApplication("BertClassifier.dll", "examples/bert_classifier");
            await using var process = BackendProcess.Start(example, environment: new Dictionary<string, string>
            {
                ["BATCHING"] = batching,
                ["TRAINING_MODE"] = "sync",
                ["LOG_LEVEL"] = "WARNING",
            });
            await process.WaitForHealthAsync(StartLimit).ConfigureAwait(false);
            await MiniLmTraining.TrainAsync(process.Address).ConfigureAwait(false);
            foreach (var concurrency in levels)
            {
                var measured = await LoadGenerator.RunAsync(new Uri(process.Address, "/predict"), body, concurrency, options.Duration, options.MaxRequests).ConfigureAwait(false);
                string? note = null;
                if (batching == "off")
                {
                    unbatched[concurrency] = measured;
                }
                else
                {
                    var before = unbatched[concurrency];
                    note = string.Create(CultureInfo.InvariantCulture, $"{measured.RequestsPerSecond / before.RequestsPerSecond:0.00}x the req/s of unbatched, p99 {measured.P99Ms / Math.Max(before.P99Ms, 0.001):0.00}x");
                }

                rows.Add(new BenchRow(batching == "off" ? "predict-minilm" : "predict-minilm-batched", concurrency, measured, null, PeakRssMb(process), note));
                Console.WriteLine(rows[^1].SummaryLine());
            }
        }

        return rows;
    }

    /// <summary>
    /// The trivial backend on CACHE_TYPE=redis (a local redis-server): one replica, then two replicas of it with the
    /// load spread round-robin by the client, as a load balancer would. Every request reads the project's version from Redis.
    /// </summary>
    private static async Task<IReadOnlyList<BenchRow>> ReplicasAsync(byte[] body, BenchOptions options)
    {
        await using var redis = new RedisServer();
        var environment = new Dictionary<string, string> { ["CACHE_TYPE"] = "redis", ["REDIS_URL"] = redis.Url };
        await using var first = await StartHostAsync("trivial", environment).ConfigureAwait(false);
        await using var second = await StartHostAsync("trivial", environment).ConfigureAwait(false);
        var rows = new List<BenchRow>();
        foreach (var concurrency in options.Concurrency)
        {
            var one = await LoadGenerator.RunAsync([new Uri(first.Address, "/predict")], body, concurrency, options.Duration, options.MaxRequests).ConfigureAwait(false);
            rows.Add(new BenchRow("predict-trivial-redis-1", concurrency, one, null, PeakRssMb(first), "1 replica, state on Redis"));
            Console.WriteLine(rows[^1].SummaryLine());
            var two = await LoadGenerator.RunAsync([new Uri(first.Address, "/predict"), new Uri(second.Address, "/predict")], body, concurrency, options.Duration, options.MaxRequests).ConfigureAwait(false);
            rows.Add(new BenchRow("predict-trivial-redis-2", concurrency, two, null, Math.Max(PeakRssMb(first) ?? 0, PeakRssMb(second) ?? 0), "2 replicas round-robin, one Redis, same cores"));
            Console.WriteLine(rows[^1].SummaryLine());
        }

        return rows;
    }

    /// <summary>Process start → first 200 on /health for interactive_substring_matching (median of 3), and its idle memory.</summary>
    private static async Task<IReadOnlyList<BenchRow>> ColdStartAsync()
    {
        var example = BackendProcess.LocateApplication("InteractiveSubstringMatching.dll", "examples/interactive_substring_matching");
        var times = new List<double>();
        double idleRss = 0;
        for (var run = 0; run < 3; run++)
        {
            var clock = Stopwatch.StartNew();
            await using var process = BackendProcess.Start(example, environment: new Dictionary<string, string> { ["LOG_LEVEL"] = "WARNING" });
            using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(1) };
            while (true)
            {
                try
                {
                    using var response = await client.GetAsync(new Uri(process.Address, "/health")).ConfigureAwait(false);
                    if (response.IsSuccessStatusCode)
                    {
                        break;
                    }
                }
                catch (HttpRequestException)
                {
                    // Not listening yet.
                }

                if (clock.Elapsed > StartLimit)
                {
                    throw new TimeoutException("the example did not start");
                }

                await Task.Delay(2).ConfigureAwait(false);
            }

            times.Add(clock.Elapsed.TotalMilliseconds);
            await Task.Delay(1000).ConfigureAwait(false);
            idleRss = Math.Max(idleRss, ProcessMemory.ReadMb(process.ProcessId, "VmRSS") ?? 0);
        }

        times.Sort();
        var measurement = new Measurement(0, TimeSpan.Zero, times[1], times[^1], times[^1], new Dictionary<string, int>());
        Console.WriteLine($"cold start: {string.Join(", ", times.Select(t => t.ToString("0", CultureInfo.InvariantCulture)))} ms; idle RSS {idleRss:0.#} MB");
        return [new BenchRow("cold-start", 1, measurement, null, idleRss, "p50 = median start → first /health 200 of 3 runs; RSS = idle after 1 s")];
    }

    private static async Task<BackendProcess> StartHostAsync(string server, Dictionary<string, string> environment)
    {
        var host = BackendProcess.LocateApplication("LabelStudio.ML.BenchHost.dll", "bench/LabelStudio.ML.BenchHost");
        var settings = new Dictionary<string, string>(environment) { ["BENCH_SERVER"] = server, ["LOG_LEVEL"] = "WARNING" };
        var process = BackendProcess.Start(host, environment: settings);
        await process.WaitForHealthAsync(StartLimit).ConfigureAwait(false);
        return process;
    }

    private static double? PeakRssMb(BackendProcess process) => ProcessMemory.ReadMb(process.ProcessId, "VmHWM");
}

/// <summary>Memory of another process from <c>/proc/&lt;pid&gt;/status</c> (Linux).</summary>
internal static class ProcessMemory
{
    public static double? ReadMb(int processId, string field)
    {
        var path = $"/proc/{processId}/status";
        if (!File.Exists(path))
        {
            return null;
        }

        foreach (var line in File.ReadLines(path))
        {
            if (line.StartsWith(field + ":", StringComparison.Ordinal))
            {
                var kilobytes = long.Parse(line[(field.Length + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
                return kilobytes / 1024.0;
            }
        }

        return null;
    }
}
