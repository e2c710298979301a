using System.Text.Json.Nodes;
using LabelStudio.ML.Testing;
using TimeseriesSegmenter.Tests.Support;
using Xunit;

namespace TimeseriesSegmenter.Tests;

/// <summary>CSVs that do not fit the config are answered 422 naming the task and the column; the server keeps serving.</summary>
public sealed class BadInputTests(TrainedBackendFixture fixture) : IClassFixture<TrainedBackendFixture>
{
    [Theory]
    [InlineData("no-aux.csv", "time,sensor\n100,1\n100.5,2\n", "the CSV has no column 'aux' (a Channel)")]
    [InlineData("no-time.csv", "t,sensor,aux\n100,1,2\n", "the CSV has no column 'time' (the timeColumn)")]
    [InlineData("words.csv", "time,sensor,aux\n100,1,2\n100.5,high,2\n", "column 'sensor' has the non-numeric value 'high' in row 3 of the CSV")]
    [InlineData("short-row.csv", "time,sensor,aux\n100,1,2\n100.5,1\n", "row 3 of the CSV has no value in column 'aux'")]
    [InlineData("empty.csv", "", "the CSV is empty")]
    public async Task A_csv_that_does_not_fit_the_config_is_422_naming_the_task_and_the_column(string name, string csv, string cause)
    {
        var url = fixture.LabelStudio.Upload(name, csv);

        var failure = await Assert.ThrowsAsync<HttpRequestException>(() => fixture.Backend.PredictAsync(
            SegmentationProject.LabelConfig, [SegmentationProject.Task(1, "/data/upload/1/test-101.csv"), SegmentationProject.Task(4711, url)]));

        Assert.Equal(422, (int?)failure.StatusCode);
        Assert.Contains("Task 4711: the time series in data key 'csv_url' cannot be read", failure.Message, StringComparison.Ordinal);
        Assert.Contains(cause, failure.Message, StringComparison.Ordinal);
        await AssertStillServingAsync();
    }

    [Fact]
    public async Task A_task_without_the_csv_key_is_422_naming_the_task_and_the_key()
    {
        var task = TestTasks.Create(4712, new JsonObject { ["csv"] = "/data/upload/1/test-101.csv" });

        var failure = await Assert.ThrowsAsync<HttpRequestException>(() => fixture.Backend.PredictAsync(SegmentationProject.LabelConfig, [task]));

        Assert.Equal(422, (int?)failure.StatusCode);
        Assert.Contains("Task 4712 has no data key 'csv_url'", failure.Message, StringComparison.Ordinal);
        await AssertStillServingAsync();
    }

    [Fact]
    public async Task A_time_series_without_channels_is_422()
    {
        var config = SegmentationProject.LabelConfig.Replace("<Channel column=\"sensor\"/>", "", StringComparison.Ordinal).Replace("<Channel column=\"aux\"/>", "", StringComparison.Ordinal);

        var failure = await Assert.ThrowsAsync<HttpRequestException>(() => fixture.Backend.PredictAsync(config, [SegmentationProject.Task(1, "/data/upload/1/test-101.csv")]));

        Assert.Equal(422, (int?)failure.StatusCode);
        Assert.Contains("TimeSeries 'ts' has no Channel with a column", failure.Message, StringComparison.Ordinal);
        await AssertStillServingAsync();
    }

    private async Task AssertStillServingAsync()
    {
        var next = await fixture.Backend.GetPredictionsAsync(SegmentationProject.LabelConfig, [SegmentationProject.Task(2, "/data/upload/1/test-102.csv")]);
        Assert.NotEmpty(next[0].Regions);
    }
}
