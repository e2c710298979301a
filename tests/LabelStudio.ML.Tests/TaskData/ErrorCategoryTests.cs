using Xunit;

namespace LabelStudio.ML.Tests.TaskData;

/// <summary>Each failure carries its category and a message naming the URL and the fix.</summary>
public sealed class ErrorCategoryTests
{
    [Fact]
    public async Task NotConfigured_without_LABEL_STUDIO_URL_says_what_the_task_needs()
    {
        await using var harness = TaskDataHarness.Create();

        var error = await Assert.ThrowsAsync<TaskDataException>(() => harness.TaskData.GetLocalPathAsync("/data/upload/7/a.jpg"));

        Assert.Equal(TaskDataErrorCategory.NotConfigured, error.Category);
        Assert.StartsWith("LABEL_STUDIO_URL is not set: the task refers to an upload on Label Studio (/data/upload/7/a.jpg)", error.Message, StringComparison.Ordinal);
        Assert.Equal("/data/upload/7/a.jpg", error.Url);
    }

    [Fact]
    public async Task Unauthorized_names_the_token_and_the_URL()
    {
        await using var fake = await FakeLabelStudio.StartAsync();
        await using var harness = TaskDataHarness.For(fake, "ffffffffffffffffffffffffffffffffffffffff");

        var error = await Assert.ThrowsAsync<TaskDataException>(() => harness.TaskData.GetLocalPathAsync("/data/local-files/?d=a/b.png"));

        Assert.Equal(TaskDataErrorCategory.Unauthorized, error.Category);
        Assert.Equal(401, error.StatusCode);
        Assert.Contains($"{fake.Url}data/local-files/?d=a/b.png", error.Message, StringComparison.Ordinal);
        Assert.Contains("legacy token in LABEL_STUDIO_API_KEY", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NotFound_names_the_URL_and_Label_Studio()
    {
        await using var fake = await FakeLabelStudio.StartAsync();
        await using var harness = TaskDataHarness.For(fake);

        var error = await Assert.ThrowsAsync<TaskDataException>(() => harness.TaskData.GetLocalPathAsync("/data/upload/7/gone.jpg"));

        Assert.Equal(TaskDataErrorCategory.NotFound, error.Category);
        Assert.Contains("/storage-data/uploaded/?filepath=upload/7/gone.jpg was not found", error.Message, StringComparison.Ordinal);
        Assert.Contains("LABEL_STUDIO_URL", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, fake.Gets.Count);
    }

    [Fact]
    public async Task Timeout_names_the_URL_and_the_setting()
    {
        await using var fake = await FakeLabelStudio.StartAsync();
        fake.Files["/storage-data/uploaded/?filepath=upload/1/slow.txt"] = new FakeFile("x"u8.ToArray(), TimeSpan.FromSeconds(3));
        await using var harness = TaskDataHarness.For(fake, configure: options => options.Timeout = TimeSpan.FromMilliseconds(300));

        var error = await Assert.ThrowsAsync<TaskDataException>(() => harness.TaskData.GetLocalPathAsync("/data/upload/1/slow.txt"));

        Assert.Equal(TaskDataErrorCategory.Timeout, error.Category);
        Assert.Contains("/storage-data/uploaded/?filepath=upload/1/slow.txt", error.Message, StringComparison.Ordinal);
        Assert.Contains("TASK_DATA_TIMEOUT", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Caller_cancellation_is_not_a_timeout()
    {
        await using var fake = await FakeLabelStudio.StartAsync();
        fake.Files["/slow.txt"] = new FakeFile("x"u8.ToArray(), TimeSpan.FromSeconds(3));
        await using var harness = TaskDataHarness.For(fake);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => harness.TaskData.GetLocalPathAsync($"{fake.Url}slow.txt", cancellationToken: cancel.Token));
    }

    [Fact]
    public async Task Unavailable_when_nothing_listens_names_the_address()
    {
        var fake = await FakeLabelStudio.StartAsync();
        var url = $"{fake.Url}data/upload/1/a.txt";
        await fake.DisposeAsync();
        await using var harness = TaskDataHarness.Create();

        var error = await Assert.ThrowsAsync<TaskDataException>(() => harness.TaskData.GetLocalPathAsync(url));

        Assert.Equal(TaskDataErrorCategory.Unavailable, error.Category);
        Assert.Contains(url, error.Message, StringComparison.Ordinal);
        Assert.Contains("reachable", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_untrusted_certificate_suggests_VERIFY_SSL()
    {
        await using var fake = await FakeLabelStudio.StartAsync();
        fake.RequireAuth = false;
        fake.ServeAnything = true;
        await using var harness = TaskDataHarness.Create();

        var error = await Assert.ThrowsAsync<TaskDataException>(() => harness.TaskData.GetLocalPathAsync($"https://127.0.0.1:{fake.HttpsPort}/a.jpg"));

        Assert.Equal(TaskDataErrorCategory.Unavailable, error.Category);
        Assert.Contains("VERIFY_SSL=false", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvalidInput_for_a_cloud_URI_without_task_id()
    {
        await using var harness = TaskDataHarness.Create(options => (options.Url, options.ApiKey) = ("http://127.0.0.1:9", FakeLabelStudio.LegacyToken));

        var error = await Assert.ThrowsAsync<TaskDataException>(() => harness.TaskData.GetLocalPathAsync("s3://b/a.jpg"));

        Assert.Equal(TaskDataErrorCategory.InvalidInput, error.Category);
        Assert.Contains("Task ID is required", error.Message, StringComparison.Ordinal);
        Assert.Contains("s3://b/a.jpg", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Through_predict_a_task_data_failure_is_a_500_envelope_with_the_message()
    {
        await using var backend = await Testing.TestBackend.StartAsync<InteractiveSubstringMatching.SubstringMatchingModel>();

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => backend.PredictAsync(
            PredictThroughTaskDataTests.LabelConfig,
            [PredictThroughTaskDataTests.Task("/data/upload/1/notes.txt")],
            PredictThroughTaskDataTests.Context("fox")));

        Assert.Equal(System.Net.HttpStatusCode.InternalServerError, error.StatusCode);
        Assert.Contains("\"detail\":\"TaskDataException: LABEL_STUDIO_URL is not set: the task refers to an upload on Label Studio", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_URL_in_an_error_has_no_credentials()
    {
        var error = new TaskDataException(TaskDataErrorCategory.NotFound, "x", "https://user:pw@bucket.example/a.jpg?X-Amz-Signature=abc&x=1");

        Assert.Equal("https://bucket.example/a.jpg?X-Amz-Signature=***&x=1", error.Url);
    }
}
