using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using LabelStudio.ML.Testing;
using VisionExamples.Testing;

namespace LabelStudio.ML.Bench;

/// <summary>
/// Interactive Segment Anything latency: <c>examples/segment_anything_model</c> on generated SAM ONNX models (an
/// encoder of <see cref="HeavyLayers"/> 3072 × 1024 × 1024 MatMuls, so that encoding dominates as in real SAM, and a
/// constant decoder). Each round sends a first click on a new image (the encoder runs) and a second click on the
/// same image (its embedding comes from the cache); the two latencies are reported side by side.
/// </summary>
internal static class SamClickLatency
{
    private const int HeavyLayers = 3;
    private const int Side = 256;
    private const string Config =
        "<View><Image name=\"image\" value=\"$image\"/><BrushLabels name=\"tag\" toName=\"image\"><Label value=\"Disc\"/></BrushLabels>" +
        "<KeyPointLabels name=\"tag2\" toName=\"image\" smart=\"true\"><Label value=\"Disc\" smart=\"true\"/></KeyPointLabels></View>";

    public static async Task<IReadOnlyList<BenchRow>> RunAsync(BenchOptions options)
    {
        var folder = Directory.CreateTempSubdirectory("bench-sam-");
        try
        {
            var encoder = Path.Combine(folder.FullName, "encoder.onnx");
            var decoder = Path.Combine(folder.FullName, "decoder.onnx");
            await File.WriteAllBytesAsync(encoder, SamModels.SamEncoder(HeavyLayers)).ConfigureAwait(false);
            await File.WriteAllBytesAsync(decoder, SamModels.SamDecoder(Side, Side, [new OpenCvSharp.Rect(64, 64, 128, 128)], [0.9f])).ConfigureAwait(false);
            var assembly = BackendProcess.LocateApplication("SegmentAnything.dll", "examples/segment_anything_model");
            await using var process = BackendProcess.Start(assembly, environment: new Dictionary<string, string>
            {
                ["LOG_LEVEL"] = "WARNING",
                ["SAM_ENCODER_PATH"] = encoder,
                ["SAM_DECODER_PATH"] = decoder,
            });
            await process.WaitForHealthAsync(TimeSpan.FromMinutes(1)).ConfigureAwait(false);
            using var client = new HttpClient { BaseAddress = process.Address, Timeout = TimeSpan.FromMinutes(1) };

            // One warm-up round (JIT, ONNX Runtime's first run), then rounds until the duration is used, at least three.
            await RoundAsync(client, 0).ConfigureAwait(false);
            var first = new List<double>();
            var second = new List<double>();
            var clock = Stopwatch.StartNew();
            var statuses = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var round = 1; (round <= 3 || clock.Elapsed < options.Duration) && round * 2 <= Math.Max(6, options.MaxRequests); round++)
            {
                var (a, b, status) = await RoundAsync(client, round).ConfigureAwait(false);
                first.Add(a);
                second.Add(b);
                statuses[status] = statuses.GetValueOrDefault(status) + 2;
            }

            // Requests per second mean nothing when the two kinds alternate: a zero duration makes the table say "na".
            var firstMeasured = Measure(first, TimeSpan.Zero, statuses);
            var secondMeasured = Measure(second, TimeSpan.Zero, statuses);
            var speedup = firstMeasured.P50Ms / secondMeasured.P50Ms;
            var rss = ProcessMemory.ReadMb(process.ProcessId, "VmHWM");
            var rows = new List<BenchRow>
            {
                new("sam-first-click", 1, firstMeasured, null, rss, $"new {Side}×{Side} image: encoder ({HeavyLayers} × 6.4 GFLOP) + decoder, {first.Count} rounds"),
                new("sam-second-click", 1, secondMeasured, null, rss,
                    string.Create(CultureInfo.InvariantCulture, $"same image, cached embedding: decoder only; first/second p50 = {speedup:0.0}×")),
            };
            foreach (var row in rows)
            {
                Console.WriteLine(row.SummaryLine());
            }

            return rows;
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static async Task<(double First, double Second, string Status)> RoundAsync(HttpClient client, int round)
    {
        var (png, _) = TestImages.Disc(Side, Side, Side / 2, Side / 2, Side / 4, seed: round);
        var image = TestImages.DataUri(png);
        var firstMs = await ClickAsync(client, image, 50, 50).ConfigureAwait(false);
        var secondMs = await ClickAsync(client, image, 45, 55).ConfigureAwait(false);
        return (firstMs.Ms, secondMs.Ms, firstMs.Status == secondMs.Status ? firstMs.Status : $"{firstMs.Status}/{secondMs.Status}");
    }

    private static async Task<(double Ms, string Status)> ClickAsync(HttpClient client, string image, double x, double y)
    {
        var body = new JsonObject
        {
            ["tasks"] = new JsonArray(TestImages.Task(1, image)),
            ["project"] = "1.1712586036",
            ["label_config"] = Config,
            ["params"] = new JsonObject { ["context"] = SmartToolContext.Of(SmartToolContext.KeyPoint(x, y, "Disc", width: Side, height: Side)) },
        };
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body.ToJsonString()));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var started = Stopwatch.GetTimestamp();
        using var response = await client.PostAsync(new Uri("/predict", UriKind.Relative), content).ConfigureAwait(false);
        _ = await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
        return (Stopwatch.GetElapsedTime(started).TotalMilliseconds, ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture));
    }

    private static Measurement Measure(List<double> latencies, TimeSpan elapsed, Dictionary<string, int> statuses)
    {
        var sorted = latencies.Order().ToArray();
        double At(double quantile) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(quantile * sorted.Length) - 1)];
        return new Measurement(sorted.Length, elapsed, At(0.5), At(0.99), sorted[^1], statuses.ToDictionary(p => p.Key, p => p.Value / 2, StringComparer.Ordinal));
    }
}
