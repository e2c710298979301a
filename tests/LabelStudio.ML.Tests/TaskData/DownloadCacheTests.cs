using Xunit;

namespace LabelStudio.ML.Tests.TaskData;

/// <summary>The cache: one download for concurrent callers, hits without network, never a partial entry.</summary>
public sealed class DownloadCacheTests
{
    [Fact]
    public async Task Concurrent_requests_for_one_URL_download_once()
    {
        await using var fake = await FakeLabelStudio.StartAsync();
        fake.Files["/storage-data/uploaded/?filepath=upload/1/big.bin"] = new FakeFile(new byte[200_000], TimeSpan.FromMilliseconds(300));
        await using var harness = TaskDataHarness.For(fake);

        var paths = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => harness.TaskData.GetLocalPathAsync("/data/upload/1/big.bin")));

        Assert.Single(paths.Distinct());
        Assert.Single(fake.Gets);
        Assert.Equal(200_000, new FileInfo(paths[0]).Length);
        Assert.Single(harness.CacheFiles());
    }

    [Fact]
    public async Task A_second_call_is_served_from_the_cache_without_a_request()
    {
        await using var fake = await FakeLabelStudio.StartAsync();
        fake.Files["/data/local-files/?d=images/dog.png"] = FakeFile.Text("dog");
        await using var harness = TaskDataHarness.For(fake);

        var first = await harness.TaskData.GetLocalPathAsync("/data/local-files/?d=images/dog.png");
        var requests = fake.Requests.Count;
        var second = await harness.TaskData.GetLocalPathAsync("/data/local-files/?d=images/dog.png");

        Assert.Equal(first, second);
        Assert.Equal(requests, fake.Requests.Count);
        Assert.Equal(harness.CacheDir, Path.GetDirectoryName(first));
    }

    [Fact]
    public async Task An_upload_found_through_the_fallback_is_a_cache_hit_next_time()
    {
        await using var fake = await FakeLabelStudio.StartAsync();
        fake.Files["/data/upload/7/old.txt"] = FakeFile.Text("old");
        await using var harness = TaskDataHarness.For(fake);

        Assert.Equal("old", await harness.TaskData.ReadTextAsync("upload/7/old.txt"));
        Assert.Equal("old", await harness.TaskData.ReadTextAsync("upload/7/old.txt"));

        Assert.Equal(2, fake.Gets.Count);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task An_oversized_file_is_TooLarge_and_leaves_no_file(bool chunked)
    {
        await using var fake = await FakeLabelStudio.StartAsync();
        fake.Files["/big.bin"] = new FakeFile(new byte[50_000], Chunked: chunked);
        await using var harness = TaskDataHarness.For(fake, configure: options => options.MaxFileSize = 10_000);
        var url = $"{fake.Url}big.bin";

        var error = await Assert.ThrowsAsync<TaskDataException>(() => harness.TaskData.GetLocalPathAsync(url));

        Assert.Equal(TaskDataErrorCategory.TooLarge, error.Category);
        Assert.Contains(url, error.Message, StringComparison.Ordinal);
        Assert.Contains("TASK_DATA_MAX_FILE_SIZE", error.Message, StringComparison.Ordinal);
        Assert.Empty(harness.CacheFiles());
    }

    [Fact]
    public async Task A_download_cut_by_the_timeout_leaves_no_file_and_the_next_call_tries_again()
    {
        await using var fake = await FakeLabelStudio.StartAsync();
        fake.Files["/slow.txt"] = new FakeFile("slow"u8.ToArray(), TimeSpan.FromSeconds(5));
        await using var harness = TaskDataHarness.For(fake, configure: options => options.Timeout = TimeSpan.FromSeconds(1));
        var url = $"{fake.Url}slow.txt";

        Assert.Equal(TaskDataErrorCategory.Timeout, (await Assert.ThrowsAsync<TaskDataException>(() => harness.TaskData.GetLocalPathAsync(url))).Category);
        Assert.Equal(TaskDataErrorCategory.Timeout, (await Assert.ThrowsAsync<TaskDataException>(() => harness.TaskData.GetLocalPathAsync(url))).Category);

        Assert.Equal(2, fake.Gets.Count);
        Assert.Empty(harness.CacheFiles());
    }
}
