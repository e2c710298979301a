using System.Net;
using System.Text.Json.Nodes;
using LabelStudio.ML.Testing;
using LabelStudio.ML.Tests.Support;
using Xunit;

namespace LabelStudio.ML.Tests.Hosting;

public sealed class ConcurrencyTests
{
    [Fact]
    public async Task Concurrent_predictions_for_many_projects_are_all_answered_correctly()
    {
        await using var backend = await TestBackend.StartAsync<KeywordSentimentModel>();
        const int Requests = 96;
        var calls = Enumerable.Range(0, Requests).Select(async i =>
        {
            var project = i % 8;
            var text = i % 2 == 0 ? $"good {i}" : $"bad {i}";
            var body = Payloads.Predict(Payloads.SentimentConfig, $"{project}.1700000000", Payloads.Task(i, text));
            using var response = await backend.PostJsonAsync("/predict", body);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var results = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["results"]!.AsArray();
            var label = results[0]!["result"]![0]!["value"]!["choices"]![0]!.GetValue<string>();
            Assert.Equal(i % 2 == 0 ? "Positive" : "Negative", label);
            Assert.Equal("0.0.1", results[0]!["model_version"]!.GetValue<string>());
        });
        await Task.WhenAll(calls);

        for (var project = 0; project < 8; project++)
        {
            var id = project.ToString(System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal(Payloads.SentimentConfig, backend.Store.Get(id, StateKeys.LabelConfig));
            Assert.Equal("0.0.1", backend.Store.Get(id, StateKeys.ModelVersion));
            Assert.NotNull(backend.Store.Get(id, "last_text"));
        }
    }
}
