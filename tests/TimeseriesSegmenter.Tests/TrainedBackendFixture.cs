using LabelStudio.ML.Testing;
using Microsoft.Extensions.DependencyInjection;
using TextExamples.Testing;
using TimeseriesSegmenter.Tests.Support;
using Xunit;

namespace TimeseriesSegmenter.Tests;

/// <summary>
/// A fake Label Studio holding four annotated series (and two unseen ones, and two annotated tasks whose CSV is
/// missing or lacks a channel), and a backend trained on them by START_TRAINING, which pages through the project's
/// tasks and downloads each CSV.
/// </summary>
public sealed class TrainedBackendFixture : IAsyncLifetime
{
    public static readonly int[] TrainingSeeds = [1, 2, 3, 4];

    public static readonly int[] HeldOutSeeds = [101, 102];

    public FakeLabelStudio LabelStudio { get; private set; } = null!;

    public TestBackend Backend { get; private set; } = null!;

    /// <summary>The answer of the START_TRAINING webhook.</summary>
    public System.Text.Json.Nodes.JsonObject Training { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        LabelStudio = await FakeLabelStudio.StartAsync();
        foreach (var seed in TrainingSeeds)
        {
            var series = SyntheticSeries.Generate(seed);
            var url = LabelStudio.Upload($"train-{seed}.csv", series.Csv());
            LabelStudio.Tasks.Add(SegmentationProject.ListedTask(seed, url, SegmentationProject.Ranges(series.Segments)));
        }

        // Two annotated tasks whose series cannot be read: training skips them and learns from the others.
        var vanished = SyntheticSeries.Generate(5);
        LabelStudio.Tasks.Add(SegmentationProject.ListedTask(5, "/data/upload/1/deleted-from-storage.csv", SegmentationProject.Ranges(vanished.Segments)));
        var broken = LabelStudio.Upload("broken.csv", "time,sensor\n100,1\n");
        LabelStudio.Tasks.Add(SegmentationProject.ListedTask(6, broken, SegmentationProject.Ranges(vanished.Segments)));

        foreach (var seed in HeldOutSeeds)
        {
            LabelStudio.Upload($"test-{seed}.csv", SyntheticSeries.Generate(seed).Csv());
        }

        var settings = LabelStudio.Settings;
        settings["TRAINING_MODE"] = "sync";
        Backend = await TestBackend.StartAsync<TimeSeriesSegmenterModel>(settings, services => services.AddSingleton<TrainedSegmenterCache>());
        Training = await SegmentationProject.WebhookAsync(Backend, SegmentationProject.StartTraining(SegmentationProject.LabelConfig));
    }

    public async Task DisposeAsync()
    {
        await Backend.DisposeAsync();
        await LabelStudio.DisposeAsync();
    }
}
