using LabelStudio.ML.Testing;
using LabelStudio.ML.Tests.Support;
using LabelStudio.ML.TrainingHost;
using Xunit;

namespace LabelStudio.ML.Tests.Training;

/// <summary>A model that warms up per version keeps serving the previous version until the new one is warm.</summary>
public sealed class WarmUpTests
{
    private static async Task<(string Weights, string Version)> PredictAsync(TestBackend backend)
    {
        var prediction = (await backend.PredictAsync(Payloads.SentimentConfig, [Payloads.Task(1, "x")], project: "61.1700000000"))[0]!;
        return (prediction["result"]![0]!["value"]!["text"]![0]!.GetValue<string>(), prediction["model_version"]!.GetValue<string>());
    }

    [Fact]
    public async Task Predictions_keep_the_previous_version_until_the_new_one_is_warmed_up()
    {
        await using var backend = await TestBackend.StartAsync<WarmedTrainableModel>(new Dictionary<string, string?>
        {
            ["WARMUP_DELAY_MS"] = "1500",
            ["TRAINING_DEBOUNCE_MS"] = "0",
        });

        // The first prediction waits for its version to warm up: there is nothing older to serve.
        Assert.Equal((TrainableModel.Untrained, "0.0.1"), await PredictAsync(backend));

        var job = await TrainingCalls.WaitAsync(backend.Client, await TrainingCalls.SendAsync(backend.Client, TrainingEvent.StartTraining, 61));
        Assert.Equal("1.0.0", job["model_version_after"]!.GetValue<string>());

        // Committed, but still warming up (1.5 s): the previous version answers, consistently with its files.
        Assert.Equal((TrainableModel.Untrained, "0.0.1"), await PredictAsync(backend));

        var clock = System.Diagnostics.Stopwatch.StartNew();
        (string Weights, string Version) answer;
        do
        {
            await Task.Delay(100);
            answer = await PredictAsync(backend);
        }
        while (answer.Version != "1.0.0" && clock.Elapsed < TimeSpan.FromSeconds(20));

        Assert.Equal(("1.0.0", "1.0.0"), answer);
        Assert.Contains(backend.Logs.Lines, line => line.Contains("Project '61' model version 1.0.0 warmed up", StringComparison.Ordinal));
    }
}
