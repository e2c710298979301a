using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using LabelStudio.ML.Testing;
using Xunit;

namespace LabelStudio.ML.Bench.Tests;

/// <summary>
/// Runs the benchmark for a few seconds, as its one command does, to keep it working: the figures themselves are
/// for bench/README.md, not for assertions.
/// </summary>
public sealed partial class BenchSmokeTests
{
    [Fact]
    public async Task The_benchmark_runs_its_scenarios_and_prints_one_line_each()
    {
        var bench = BackendProcess.LocateApplication("LabelStudio.ML.Bench.dll", "bench/LabelStudio.ML.Bench");
        var startInfo = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { bench, "--scenario", "health,predict-trivial,overload,cold-start,sam-interactive", "--duration", "0.3", "--concurrency", "1,4" })
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = Process.Start(startInfo)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        var text = await output;
        Assert.True(process.ExitCode == 0, text + await errors);

        var lines = text.Split('\n').Select(line => SummaryLine().Match(line.Trim())).Where(match => match.Success).ToList();
        var scenarios = lines.Select(match => (match.Groups["scenario"].Value, match.Groups["c"].Value)).ToHashSet();
        Assert.Contains(("health", "1"), scenarios);
        Assert.Contains(("health", "4"), scenarios);
        Assert.Contains(("kestrel-predict-trivial", "4"), scenarios);
        Assert.Contains(("predict-trivial", "4"), scenarios);
        Assert.Contains(("overload", "256"), scenarios);
        Assert.Contains(("cold-start", "1"), scenarios);
        Assert.Contains(("sam-first-click", "1"), scenarios);
        Assert.Contains(("sam-second-click", "1"), scenarios);

        foreach (var line in lines.Where(match => match.Groups["scenario"].Value is "predict-trivial" or "health"))
        {
            Assert.True(double.Parse(line.Groups["rps"].Value, CultureInfo.InvariantCulture) > 0, line.Value);
            Assert.Equal("0", line.Groups["errors"].Value);
            Assert.NotEqual("na", line.Groups["ratio"].Value);
        }

        // Overload answers with 503 only: the errors counted there are the turned-away requests, never dropped connections.
        Assert.DoesNotContain("connection:", text, StringComparison.Ordinal);
        Assert.DoesNotContain("timeout:", text, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"^scenario=(?<scenario>\S+) c=(?<c>\d+) rps=(?<rps>\S+) p50_ms=(?<p50>\S+) p99_ms=(?<p99>\S+) errors=(?<errors>\d+) ratio_vs_kestrel=(?<ratio>\S+)$")]
    private static partial Regex SummaryLine();
}
