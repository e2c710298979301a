using System.Net;
using System.Text.Json.Nodes;
using LabelStudio.ML.Testing;
using LabelStudio.ML.Tests.Support;
using LabelStudio.ML.TrainingHost;
using Xunit;

namespace LabelStudio.ML.Tests.Training;

public sealed class VersionSwitchTests
{
    [Fact]
    public async Task Predictions_during_version_switches_all_succeed_and_each_carries_the_version_of_its_model()
    {
        await using var backend = await TestBackend.StartAsync<TrainableModel>(new Dictionary<string, string?>
        {
            ["FIT_DELAY_MS"] = "20",
            ["TRAINING_DEBOUNCE_MS"] = "0",
        });
        using var stop = new CancellationTokenSource();
        var training = Task.Run(async () =>
        {
            for (var i = 0; i < 12; i++)
            {
                await TrainingCalls.WaitAsync(backend.Client, await TrainingCalls.SendAsync(backend.Client, TrainingEvent.StartTraining, 12));
            }

            await stop.CancelAsync();
        });

        var seen = new HashSet<string>();
        var predictions = 0;
        var predictors = Enumerable.Range(0, 8).Select(async _ =>
        {
            while (!stop.IsCancellationRequested)
            {
                using var response = await backend.PostJsonAsync("/predict", Payloads.Predict(Payloads.SentimentConfig, "12.1700000000", Payloads.Task(1, "x")));
                var text = await response.Content.ReadAsStringAsync();
                Assert.True(response.StatusCode == HttpStatusCode.OK, text);
                var prediction = JsonNode.Parse(text)!["results"]![0]!;
                var version = prediction["model_version"]!.GetValue<string>();
                var weights = prediction["result"]![0]!["value"]!["text"]![0]!.GetValue<string>();
                Assert.Equal(version == "0.0.1" ? TrainableModel.Untrained : version, weights);
                lock (seen)
                {
                    seen.Add(version);
                    predictions++;
                }
            }
        });

        await Task.WhenAll([training, .. predictors]);
        Assert.True(seen.Count >= 3, $"only saw versions {string.Join(", ", seen)} in {predictions} predictions");
        Assert.Equal("12.0.0", backend.Store.Get("12", StateKeys.ModelVersion));
    }
}
