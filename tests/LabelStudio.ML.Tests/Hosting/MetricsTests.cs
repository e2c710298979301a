using LabelStudio.ML.Testing;
using LabelStudio.ML.Tests.Support;
using Xunit;

namespace LabelStudio.ML.Tests.Hosting;

public sealed class MetricsTests
{
    [Fact]
    public async Task Metrics_are_Prometheus_text_with_requests_by_endpoint_and_status()
    {
        await using var backend = await TestBackend.StartAsync<KeywordSentimentModel>();
        (await backend.Client.GetAsync("/health")).Dispose();
        await backend.PredictAsync(Payloads.SentimentConfig, [Payloads.Task(1, "good")]);

        using var response = await backend.Client.GetAsync("/metrics");
        response.EnsureSuccessStatusCode();
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains("# TYPE http_requests_received_total counter", text, StringComparison.Ordinal);
        Assert.Contains(text.Split('\n'), line =>
            line.StartsWith("http_requests_received_total{", StringComparison.Ordinal)
            && line.Contains("code=\"200\"", StringComparison.Ordinal)
            && line.Contains("endpoint=\"/predict\"", StringComparison.Ordinal));
    }
}
