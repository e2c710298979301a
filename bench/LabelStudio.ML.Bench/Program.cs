using System.Globalization;
using LabelStudio.ML.Bench;

// dotnet run -c Release --project bench/LabelStudio.ML.Bench -- --scenario all --duration 10
var options = BenchOptions.Parse(args);
if (options is null)
{
    Console.Error.WriteLine(BenchOptions.Usage);
    return 2;
}

Console.WriteLine($"LabelStudio.ML benchmark: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
Console.WriteLine($"scenarios: {string.Join(", ", options.Scenarios)}; {options.Duration.TotalSeconds:0.#} s per level; concurrency {string.Join(", ", options.Concurrency)}");
Console.WriteLine();

var rows = new List<BenchRow>();
foreach (var scenario in options.Scenarios)
{
    rows.AddRange(await Scenarios.RunAsync(scenario, options));
}

Console.WriteLine();
Console.WriteLine(BenchRow.TableHeader);
foreach (var row in rows)
{
    Console.WriteLine(row.TableLine());
}

Console.WriteLine();
foreach (var row in rows)
{
    Console.WriteLine(row.SummaryLine());
}

return 0;

namespace LabelStudio.ML.Bench
{
    /// <summary>One measured line of the results.</summary>
    internal sealed record BenchRow(string Scenario, int Concurrency, Measurement? Measurement, double? RatioVsKestrel, double? PeakRssMb, string? Note = null)
    {
        public const string TableHeader =
            "| scenario | c | req/s | p50 ms | p99 ms | max ms | errors | vs Kestrel | server peak RSS MB | note |\n|---|---|---|---|---|---|---|---|---|---|";

        private static string F(double value) => double.IsFinite(value) ? value.ToString("0.##", CultureInfo.InvariantCulture) : "na";

        public string TableLine() => Measurement is { } m
            ? $"| {Scenario} | {Concurrency} | {F(m.RequestsPerSecond)} | {F(m.P50Ms)} | {F(m.P99Ms)} | {F(m.MaxMs)} | {m.ErrorSummary} | {(RatioVsKestrel is { } r ? F(r) : "na")} | {(PeakRssMb is { } rss ? F(rss) : "na")} | {Note} |"
            : $"| {Scenario} | {Concurrency} | na | na | na | na | 0 | na | {(PeakRssMb is { } rss2 ? F(rss2) : "na")} | {Note} |";

        public string SummaryLine() => Measurement is { } m
            ? $"scenario={Scenario} c={Concurrency} rps={F(m.RequestsPerSecond)} p50_ms={F(m.P50Ms)} p99_ms={F(m.P99Ms)} errors={m.Errors} ratio_vs_kestrel={(RatioVsKestrel is { } r ? F(r) : "na")}"
            : $"scenario={Scenario} c={Concurrency} rps=na p50_ms=na p99_ms=na errors=0 ratio_vs_kestrel=na";
    }
}
