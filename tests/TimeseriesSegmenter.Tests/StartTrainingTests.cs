using System.Globalization;
using TimeseriesSegmenter.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace TimeseriesSegmenter.Tests;

/// <summary>START_TRAINING learns from the project's annotated series; predictions find the segments of unseen series.</summary>
public sealed class StartTrainingTests(TrainedBackendFixture fixture, ITestOutputHelper output) : IClassFixture<TrainedBackendFixture>
{
    // Measured: IoU 0.90–0.97 per label on the held-out series; the floor leaves room for machine differences.
    private const double IoUFloor = 0.75;

    [Fact]
    public void Training_read_every_readable_annotated_series_from_Label_Studio_and_skipped_the_others()
    {
        var result = fixture.Training["result"]!;
        Assert.True(result["trained"]!.GetValue<bool>(), fixture.Training.ToJsonString());
        Assert.Equal(TrainedBackendFixture.TrainingSeeds.Length, result["series"]!.GetValue<int>());
        Assert.Equal(["Oscillation", "Step", "__background__"], result["classes"]!.AsArray().Select(node => node!.GetValue<string>()));
        Assert.Equal("Label Studio", result["source"]!.GetValue<string>());
        Assert.Contains(fixture.Backend.Logs.Lines, line => line.Contains("Training skips the series of task 5", StringComparison.Ordinal));
        Assert.Contains(fixture.Backend.Logs.Lines, line => line.Contains("Training skips the series of task 6", StringComparison.Ordinal) && line.Contains("no column 'aux'", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Predicted_ranges_overlap_the_true_segments_of_unseen_series()
    {
        var seeds = TrainedBackendFixture.HeldOutSeeds;
        var tasks = seeds.Select(seed => SegmentationProject.Task(seed, $"/data/upload/1/test-{seed}.csv"));

        var predictions = await fixture.Backend.GetPredictionsAsync(SegmentationProject.LabelConfig, tasks);

        for (var i = 0; i < seeds.Length; i++)
        {
            var series = SyntheticSeries.Generate(seeds[i]);
            var regions = predictions[i].Regions;
            foreach (var region in regions)
            {
                output.WriteLine($"series {seeds[i]}: {region.Labels[0]} {region.Value["start"]}–{region.Value["end"]} score {region.Score}");
                Assert.Equal(("label", "ts", "timeserieslabels"), (region.FromName, region.ToName, region.Type));
                Assert.False(region.Value["instant"]!.GetValue<bool>());
                Assert.InRange(region.Score!.Value, 0.0, 1.0);
                // Ranges are in the time column's units: values it holds, not row numbers.
                Assert.Contains((double)region.Value["start"]!, series.Times);
                Assert.Contains((double)region.Value["end"]!, series.Times);
            }

            foreach (var segment in series.Segments)
            {
                output.WriteLine($"series {seeds[i]}: true {segment.Label} {segment.Start.ToString(CultureInfo.InvariantCulture)}–{segment.End.ToString(CultureInfo.InvariantCulture)}");
                var iou = SegmentationProject.RowIoU(series, regions, segment.Label, row => series.Times[row]);
                output.WriteLine($"series {seeds[i]}: {segment.Label} IoU {iou:F3}");
                Assert.True(iou >= IoUFloor, $"series {seeds[i]}, {segment.Label}: IoU {iou:F3} is below {IoUFloor}");
            }

            Assert.Equal(Math.Round(regions.Average(region => region.Score!.Value), 4), predictions[i].Score!.Value, 3);
        }
    }
}
