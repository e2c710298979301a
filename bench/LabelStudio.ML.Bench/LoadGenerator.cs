using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;

namespace LabelStudio.ML.Bench;

/// <summary>
/// A closed-loop load generator: <c>concurrency</c> workers each send a request, wait for the whole answer and send
/// the next, for a bounded time and a bounded count, to loopback only.
/// </summary>
internal static class LoadGenerator
{
    public static Task<Measurement> RunAsync(Uri url, byte[]? body, int concurrency, TimeSpan duration, int maxRequests) =>
        RunAsync([url], body, concurrency, duration, maxRequests);

    /// <summary>Spreads the requests round-robin over <paramref name="urls"/> (several replicas, no proxy in between).</summary>
    public static async Task<Measurement> RunAsync(IReadOnlyList<Uri> urls, byte[]? body, int concurrency, TimeSpan duration, int maxRequests)
    {
        using var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = Math.Max(1, concurrency),
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            AutomaticDecompression = DecompressionMethods.None,
        };
        using var client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };

        // Warm up connections and the server's JIT before measuring.
        await RunPhaseAsync(client, urls, body, concurrency, TimeSpan.FromMilliseconds(Math.Min(1000, duration.TotalMilliseconds / 3)), maxRequests).ConfigureAwait(false);
        return await RunPhaseAsync(client, urls, body, concurrency, duration, maxRequests).ConfigureAwait(false);
    }

    private static async Task<Measurement> RunPhaseAsync(HttpClient client, IReadOnlyList<Uri> urls, byte[]? body, int concurrency, TimeSpan duration, int maxRequests)
    {
        var next = 0;
        var latencies = new List<double>[concurrency];
        var statuses = new Dictionary<string, int>[concurrency];
        var sent = 0;
        var clock = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, concurrency).Select(worker => Task.Run(async () =>
        {
            var own = latencies[worker] = new List<double>(4096);
            var counts = statuses[worker] = [];
            while (clock.Elapsed < duration && Interlocked.Increment(ref sent) <= maxRequests)
            {
                var started = Stopwatch.GetTimestamp();
                string outcome;
                try
                {
                    var url = urls[(int)((uint)Interlocked.Increment(ref next) % (uint)urls.Count)];
                    using var request = new HttpRequestMessage(body is null ? HttpMethod.Get : HttpMethod.Post, url);
                    if (body is not null)
                    {
                        request.Content = new ByteArrayContent(body);
                        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                    }

                    using var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead).ConfigureAwait(false);
                    outcome = ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
                }
                catch (HttpRequestException)
                {
                    outcome = "connection";
                }
                catch (TaskCanceledException)
                {
                    outcome = "timeout";
                }

                own.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                counts[outcome] = counts.GetValueOrDefault(outcome) + 1;
            }
        })).ToArray();
        await Task.WhenAll(workers).ConfigureAwait(false);
        var elapsed = clock.Elapsed;

        var all = latencies.SelectMany(list => list).Order().ToArray();
        var byStatus = statuses.SelectMany(d => d).GroupBy(p => p.Key).ToDictionary(g => g.Key, g => g.Sum(p => p.Value), StringComparer.Ordinal);
        return new Measurement(all.Length, elapsed, Percentile(all, 0.50), Percentile(all, 0.99), all.Length == 0 ? 0 : all[^1], byStatus);
    }

    private static double Percentile(double[] sorted, double quantile) =>
        sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(quantile * sorted.Length) - 1)];
}

/// <summary>What one run measured.</summary>
internal sealed record Measurement(int Requests, TimeSpan Elapsed, double P50Ms, double P99Ms, double MaxMs, IReadOnlyDictionary<string, int> Statuses)
{
    public double RequestsPerSecond => Requests / Elapsed.TotalSeconds;

    /// <summary>Answers other than 2xx, by status (or "connection"/"timeout").</summary>
    public int Errors => Statuses.Where(p => !p.Key.StartsWith('2')).Sum(p => p.Value);

    public string ErrorSummary => Errors == 0
        ? "0"
        : string.Join(" ", Statuses.Where(p => !p.Key.StartsWith('2')).OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}:{p.Value}"));
}
