using System.Text.Json.Nodes;
using Xunit;

namespace LabelStudio.ML.Tests.TaskData;

/// <summary><c>data:</c> URIs and <see cref="ML.TaskData.PreloadTaskDataAsync"/> (SPEC §8.7).</summary>
public sealed class DataUriAndPreloadTests
{
    [Theory]
    [InlineData("data:text/plain;base64,aGVsbG8gd29ybGQ=", "hello world", ".txt")]
    [InlineData("data:,hello%20world", "hello world", ".txt")]
    [InlineData("data:application/octet-stream;base64,aGVsbG8gd29ybGQ=", "hello world", ".bin")]
    public async Task A_data_URI_is_decoded_into_a_cache_file(string uri, string text, string extension)
    {
        await using var harness = TaskDataHarness.Create();

        var path = await harness.TaskData.GetLocalPathAsync(uri);

        Assert.Equal(text, await File.ReadAllTextAsync(path));
        Assert.Equal(harness.CacheDir, Path.GetDirectoryName(path));
        Assert.EndsWith("__data" + extension, path, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_malformed_data_URI_is_InvalidInput()
    {
        await using var harness = TaskDataHarness.Create();

        var error = await Assert.ThrowsAsync<TaskDataException>(() => harness.TaskData.GetLocalPathAsync("data:image/png;base64,@@@"));

        Assert.Equal(TaskDataErrorCategory.InvalidInput, error.Category);
        Assert.Contains("data:<media type>;base64,<data>", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Preload_replaces_references_at_any_depth_and_keeps_everything_else()
    {
        await using var fake = await FakeLabelStudio.StartAsync();
        fake.Files["/storage-data/uploaded/?filepath=upload/1/a.txt"] = FakeFile.Text("uploaded text");
        fake.Files["/data/local-files/?d=docs/b.txt"] = FakeFile.Text("local text");
        fake.Files["/c.txt"] = FakeFile.Text("web text");
        await using var harness = TaskDataHarness.For(fake);
        var task = new LabelStudioTask(new JsonObject
        {
            ["id"] = 9,
            ["data"] = new JsonObject
            {
                ["text"] = "/data/upload/1/a.txt",
                ["plain"] = "upload the form before Friday",
                ["count"] = 3,
                ["flag"] = true,
                ["none"] = null,
                ["nested"] = new JsonObject { ["docs"] = new JsonArray("/data/local-files/?d=docs/b.txt", $"{fake.Url}c.txt", 1.5) },
                ["inline"] = "data:,inline",
            },
        });

        var preloaded = await harness.TaskData.PreloadTaskDataAsync(task);

        Assert.Equal("uploaded text", preloaded["text"]!.GetValue<string>());
        Assert.Equal("upload the form before Friday", preloaded["plain"]!.GetValue<string>());
        Assert.Equal(3, preloaded["count"]!.GetValue<int>());
        Assert.True(preloaded["flag"]!.GetValue<bool>());
        Assert.Null(preloaded["none"]);
        Assert.True(preloaded.ContainsKey("none"));
        var docs = preloaded["nested"]!["docs"]!.AsArray();
        Assert.Equal("local text", docs[0]!.GetValue<string>());
        Assert.Equal("web text", docs[1]!.GetValue<string>());
        Assert.Equal(1.5, docs[2]!.GetValue<double>());
        Assert.Equal("inline", preloaded["inline"]!.GetValue<string>());
        Assert.Equal("/data/upload/1/a.txt", task.Data["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task Preload_can_give_paths_instead_of_contents()
    {
        await using var fake = await FakeLabelStudio.StartAsync();
        fake.Files["/storage-data/uploaded/?filepath=upload/1/a.jpg"] = FakeFile.Text("jpeg");
        await using var harness = TaskDataHarness.For(fake);
        var task = new LabelStudioTask(new JsonObject { ["id"] = 1, ["data"] = new JsonObject { ["image"] = "/data/upload/1/a.jpg", ["path"] = "/etc/hostname" } });

        var preloaded = await harness.TaskData.PreloadTaskDataAsync(task, readFile: false);

        var path = preloaded["image"]!.GetValue<string>();
        Assert.Equal(harness.CacheDir, Path.GetDirectoryName(path));
        Assert.Equal("jpeg", await File.ReadAllTextAsync(path));
        Assert.Equal("/etc/hostname", preloaded["path"]!.GetValue<string>());
    }

    [Fact]
    public async Task ReadBytes_and_OpenRead_give_the_same_content()
    {
        await using var harness = TaskDataHarness.Create();
        const string uri = "data:application/octet-stream;base64,AAECAw==";

        var bytes = await harness.TaskData.ReadBytesAsync(uri);
        await using var stream = await harness.TaskData.OpenReadAsync(uri);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);

        Assert.Equal(new byte[] { 0, 1, 2, 3 }, bytes);
        Assert.Equal(bytes, copy.ToArray());
    }
}
