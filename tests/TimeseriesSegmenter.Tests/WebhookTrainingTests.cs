using LabelStudio.ML.Testing;
using Microsoft.Extensions.DependencyInjection;
using TextExamples.Testing;
using TimeseriesSegmenter.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace TimeseriesSegmenter.Tests;

/// <summary>
/// Annotation webhooks train the model too (the task in the event names its CSV); the trained version is kept in
/// MODEL_DIR and serves predictions after a restart without training again.
/// </summary>
public sealed class WebhookTrainingTests(ITestOutputHelper output)
{
    private static readonly Action<IServiceCollection> Services = services => services.AddSingleton<TrainedSegmenterCache>();

    [Fact]
    public async Task Before_any_training_predictions_are_empty()
    {
        await using var labelStudio = await FakeLabelStudio.StartAsync();
        var url = labelStudio.Upload("a.csv", SyntheticSeries.Generate(7).Csv());
        await using var backend = await TestBackend.StartAsync<TimeSeriesSegmenterModel>(labelStudio.Settings, Services);

        var predictions = await backend.GetPredictionsAsync(SegmentationProject.LabelConfig, [SegmentationProject.Task(1, url)]);

        Assert.Empty(predictions[0].Regions);
    }

    [Fact]
    public async Task Deleting_an_annotation_removes_its_series_from_training()
    {
        await using var labelStudio = await FakeLabelStudio.StartAsync();
        var settings = labelStudio.Settings;
        settings["TRAINING_MODE"] = "sync";
        await using var backend = await TestBackend.StartAsync<TimeSeriesSegmenterModel>(settings, Services);
        var series = SyntheticSeries.Generate(21);
        var task = SegmentationProject.Task(21, labelStudio.Upload("deleted.csv", series.Csv()));
        var created = await backend.WebhookAsync("ANNOTATION_CREATED", SegmentationProject.LabelConfig, task, SegmentationProject.Ranges(series.Segments));
        Assert.Equal(1, created["result"]!["series"]!.GetValue<int>());

        var deleted = await backend.WebhookAsync("ANNOTATION_DELETED", SegmentationProject.LabelConfig, task, SegmentationProject.Ranges(series.Segments));

        Assert.False(deleted["result"]!["trained"]!.GetValue<bool>(), deleted.ToJsonString());
        Assert.Equal(0, deleted["result"]!["series"]!.GetValue<int>());
    }

    [Fact]
    public async Task Annotation_webhooks_train_a_version_that_survives_a_restart()
    {
        await using var labelStudio = await FakeLabelStudio.StartAsync();
        var settings = labelStudio.Settings;
        settings["TRAINING_MODE"] = "sync";
        var modelDir = Directory.CreateTempSubdirectory("timeseries-restart-").FullName;
        var heldOut = SyntheticSeries.Generate(201);
        var heldOutUrl = labelStudio.Upload("held-out.csv", heldOut.Csv(';', timeColumn: false));
        try
        {
            IReadOnlyList<TaskPrediction> before;
            await using (var backend = await TestBackend.StartAsync<TimeSeriesSegmenterModel>(settings, Services, modelDir: modelDir))
            {
                foreach (var seed in new[] { 11, 12, 13 })
                {
                    var series = SyntheticSeries.Generate(seed);
                    var url = labelStudio.Upload($"webhook-{seed}.csv", series.Csv(';', timeColumn: false));
                    var answer = await backend.WebhookAsync(
                        "ANNOTATION_CREATED", SegmentationProject.RowNumberConfig, SegmentationProject.Task(seed, url), SegmentationProject.Ranges(series.Segments, rowNumbers: true));
                    Assert.True(answer["result"]!["trained"]!.GetValue<bool>(), answer.ToJsonString());
                }

                before = await backend.GetPredictionsAsync(SegmentationProject.RowNumberConfig, [SegmentationProject.Task(99, heldOutUrl)]);
            }

            await using var restarted = await TestBackend.StartAsync<TimeSeriesSegmenterModel>(settings, Services, modelDir: modelDir);
            var after = await restarted.GetPredictionsAsync(SegmentationProject.RowNumberConfig, [SegmentationProject.Task(99, heldOutUrl)]);

            Assert.Equal(before[0].ModelVersion, after[0].ModelVersion);
            Assert.Equal(
                before[0].Regions.Select(region => (region.Labels[0], (double)region.Value["start"]!, (double)region.Value["end"]!, region.Score)),
                after[0].Regions.Select(region => (region.Labels[0], (double)region.Value["start"]!, (double)region.Value["end"]!, region.Score)));
            foreach (var label in new[] { SyntheticSeries.Oscillation, SyntheticSeries.Step })
            {
                // Without a time column, ranges are row numbers.
                var iou = SegmentationProject.RowIoU(heldOut, after[0].Regions, label, row => row);
                output.WriteLine($"{label}: IoU {iou:F3} (model version {after[0].ModelVersion})");
                Assert.True(iou >= 0.75, $"{label}: IoU {iou:F3} is below 0.75");
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(modelDir, recursive: true);
        }
    }
}
