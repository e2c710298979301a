using System.Globalization;
using System.Text.Json.Nodes;
using LabelStudio.ML.Testing;
using LabelStudio.ML.Tests.Support;
using Xunit;

namespace LabelStudio.ML.Tests.Observability;

/// <summary>A backend and a real Prometheus scraping it every second, after a scripted workload.</summary>
public sealed class ScrapedBackend : IAsyncLifetime
{
    public const int Predictions = 6;

    public static int Rounds { get; } = Environment.GetEnvironmentVariable("LSML_PROMETHEUS_SCREENSHOT") is { Length: > 0 } ? 20 : 1;

    public TestBackend Backend { get; private set; } = null!;

    public PrometheusServer Prometheus { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Backend = await TestBackend.StartAsync<VersionBumpingModel>(new Dictionary<string, string?> { ["TRAINING_DEBOUNCE_MS"] = "0" });
        Prometheus = await PrometheusServer.StartAsync(Backend.Address);
        // For the documentation's screenshot, a longer workload draws lines worth looking at.
        var rounds = Rounds;
        for (var round = 0; round < rounds; round++)
        {
            for (var i = 0; i < Predictions; i++)
            {
                await Backend.PredictAsync(Payloads.SentimentConfig, Enumerable.Range(1, 1 + (i % 3)).Select(id => Payloads.Task(id, "x")), project: "7.1700000000");
            }

            await Backend.WebhookAsync("ANNOTATION_CREATED", Payloads.SentimentConfig, Payloads.Task(1, "x"), projectId: 7);
            (await Backend.Client.GetAsync("/ready")).Dispose();
            if (rounds > 1)
            {
                await Task.Delay(3000);
            }
        }

        // Prometheus has the workload once its counter shows every prediction (rate() needs two samples after that).
        await MetricsWorkloadTests.WaitUntilAsync(
            async () => await ScalarAsync($"sum(http_requests_received_total{{endpoint=\"/predict\",code=\"200\"}})") == Predictions * rounds,
            "Prometheus to scrape the predictions");
        await MetricsWorkloadTests.WaitUntilAsync(
            async () => await ScalarAsync("sum(labelstudio_ml_training_jobs_finished_total{state=\"succeeded\"})") == rounds,
            "Prometheus to scrape the training job");
        await Task.Delay(TimeSpan.FromSeconds(3));
    }

    public async Task<double?> ScalarAsync(string promql)
    {
        var result = await Prometheus.QueryAsync(promql);
        return result.Count == 1 ? double.Parse(result[0]!["value"]![1]!.GetValue<string>(), CultureInfo.InvariantCulture) : null;
    }

    public async Task DisposeAsync()
    {
        await Prometheus.DisposeAsync();
        await Backend.DisposeAsync();
    }
}

public sealed class PrometheusScrapeTests(ScrapedBackend scraped) : IClassFixture<ScrapedBackend>
{
    private static readonly string Dashboard = Path.Combine(AppContext.BaseDirectory, "Dashboards", "labelstudio-ml-dashboard.json");

    [Fact]
    public async Task Prometheus_scrapes_the_request_counter_and_the_model_metrics()
    {
        var rounds = ScrapedBackend.Rounds;
        Assert.Equal(ScrapedBackend.Predictions * rounds, await scraped.ScalarAsync("sum(http_requests_received_total{endpoint=\"/predict\",code=\"200\",job=\"labelstudio-ml\"})"));
        // 1 + 2 + 3 + 1 + 2 + 3 tasks a round.
        Assert.Equal(12 * rounds, await scraped.ScalarAsync("sum(labelstudio_ml_predicted_tasks_total)"));
        // Each round's training job bumps the minor version: 0.0.1 → 0.1.0 → 0.2.0 …
        Assert.Equal(1, await scraped.ScalarAsync($"labelstudio_ml_model_version_info{{project=\"7\",version=\"0.{rounds}.0\"}}"));
        Assert.Equal(1, await scraped.ScalarAsync("up{job=\"labelstudio-ml\"}"));
    }

    [Fact]
    public async Task Every_dashboard_panel_query_returns_data()
    {
        var dashboard = JsonNode.Parse(await File.ReadAllTextAsync(Dashboard))!;
        var expressions = dashboard["panels"]!.AsArray()
            .SelectMany(panel => panel!["targets"]!.AsArray().Select(target => (Panel: panel["title"]!.GetValue<string>(), Expr: target!["expr"]!.GetValue<string>())))
            .ToList();
        Assert.True(expressions.Count >= 9);
        foreach (var (panel, expr) in expressions)
        {
            var result = await scraped.Prometheus.QueryAsync(expr);
            Assert.True(result.Count > 0, $"Panel '{panel}': {expr} returned no data.");
        }

        if (Environment.GetEnvironmentVariable("LSML_PROMETHEUS_SCREENSHOT") is { Length: > 0 } output)
        {
            await PrometheusScreenshot.TakeAsync(scraped.Prometheus.Address, expressions.Select(e => e.Expr).Take(6), output);
        }
    }
}
