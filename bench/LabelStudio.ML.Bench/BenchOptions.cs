using System.Globalization;

namespace LabelStudio.ML.Bench;

/// <summary>Command-line options of the benchmark.</summary>
internal sealed record BenchOptions(IReadOnlyList<string> Scenarios, TimeSpan Duration, IReadOnlyList<int> Concurrency, int MaxRequests)
{
    public static readonly string[] AllScenarios = ["health", "predict-trivial", "predict-batch-100", "predict-minilm", "overload", "cold-start", "predict-trivial-redis", "examples-100", "predict-large-body", "sam-interactive"];

    public const string Usage =
        "usage: LabelStudio.ML.Bench [--scenario all|name[,name…]] [--duration SECONDS] [--concurrency 1,8,64] [--max-requests N]\n" +
        "scenarios: health, predict-trivial, predict-batch-100, predict-minilm, overload, cold-start, predict-trivial-redis (needs redis-server), examples-100, predict-large-body, sam-interactive";

    public static BenchOptions? Parse(string[] args)
    {
        var scenarios = AllScenarios.ToList();
        var duration = TimeSpan.FromSeconds(10);
        List<int> concurrency = [1, 8, 64];
        var maxRequests = 5_000_000;
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--scenario" when value is not null:
                    scenarios = value == "all" ? [.. AllScenarios] : [.. value.Split(',', StringSplitOptions.RemoveEmptyEntries)];
                    if (scenarios.Any(s => !AllScenarios.Contains(s)))
                    {
                        return null;
                    }

                    i++;
                    break;
                case "--duration" when double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds > 0:
                    duration = TimeSpan.FromSeconds(seconds);
                    i++;
                    break;
                case "--concurrency" when value is not null:
                    concurrency = [.. value.Split(',').Select(c => int.Parse(c, CultureInfo.InvariantCulture))];
                    i++;
                    break;
                case "--max-requests" when int.TryParse(value, out var max) && max > 0:
                    maxRequests = max;
                    i++;
                    break;
                default:
                    return null;
            }
        }

        return new BenchOptions(scenarios, duration, concurrency, maxRequests);
    }
}
