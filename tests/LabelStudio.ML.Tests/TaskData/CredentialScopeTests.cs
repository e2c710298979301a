using Xunit;

namespace LabelStudio.ML.Tests.TaskData;

/// <summary>The credential goes only to Label Studio's scheme, host and port; never to the bucket a presign redirects to.</summary>
public sealed class CredentialScopeTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Presign_redirect_to_the_bucket_drops_the_authorization_header(bool personalAccessToken)
    {
        await using var fake = await FakeLabelStudio.StartAsync();
        await using var bucket = await FakeLabelStudio.StartAsync();
        bucket.RequireAuth = false;
        fake.Bucket = bucket;
        fake.PutCloudObject("s3://my-bucket/images/cat.jpg", FakeFile.Text("meow"));
        await using var harness = TaskDataHarness.For(fake, personalAccessToken ? fake.IssuePersonalAccessToken() : FakeLabelStudio.LegacyToken);

        var path = await harness.TaskData.GetLocalPathAsync("s3://my-bucket/images/cat.jpg", 42);

        Assert.Equal("meow", await File.ReadAllTextAsync(path));
        var presign = Assert.Single(fake.Gets);
        Assert.StartsWith("/tasks/42/presign/", presign.Path, StringComparison.Ordinal);
        Assert.NotNull(presign.Authorization);
        var download = Assert.Single(bucket.Requests);
        Assert.Equal("/my-bucket/images/cat.jpg", download.Path);
        Assert.Null(download.Authorization);
        Assert.EndsWith("__cat.jpg", path, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Presign_without_redirect_streams_the_file_from_Label_Studio()
    {
        await using var fake = await FakeLabelStudio.StartAsync();
        fake.Files["gs://b/clip.wav"] = FakeFile.Text("wave");
        await using var harness = TaskDataHarness.For(fake);

        Assert.Equal("wave", await harness.TaskData.ReadTextAsync("gs://b/clip.wav", 7));
    }

    [Fact]
    public async Task Another_port_on_the_same_host_gets_no_credential()
    {
        await using var fake = await FakeLabelStudio.StartAsync();
        await using var other = await FakeLabelStudio.StartAsync();
        other.RequireAuth = false;
        other.Files["/img/1.jpg"] = FakeFile.Text("x");
        await using var harness = TaskDataHarness.For(fake);

        await harness.TaskData.GetLocalPathAsync($"http://127.0.0.1:{other.HttpPort}/img/1.jpg");

        Assert.Null(Assert.Single(other.Requests).Authorization);
    }

    [Fact]
    public async Task An_absolute_URL_on_Label_Studio_itself_gets_the_credential()
    {
        await using var fake = await FakeLabelStudio.StartAsync();
        fake.Files["/data/upload/7/x.jpg"] = FakeFile.Text("x");
        await using var harness = TaskDataHarness.For(fake);

        await harness.TaskData.GetLocalPathAsync($"http://127.0.0.1:{fake.HttpPort}/data/upload/7/x.jpg");

        Assert.Equal($"Token {FakeLabelStudio.LegacyToken}", Assert.Single(fake.Gets).Authorization);
    }
}
