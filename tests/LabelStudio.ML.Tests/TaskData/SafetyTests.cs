using Xunit;

namespace LabelStudio.ML.Tests.TaskData;

/// <summary>No path traversal, local paths only inside allowed folders, no cloud metadata addresses.</summary>
public sealed class SafetyTests
{
    [Theory]
    [InlineData("/data/local-files/?d=../../etc/passwd")]
    [InlineData("/data/local-files/?d=images/%2E%2E/%2E%2E/etc/passwd")]
    [InlineData("/data/local-files/?d=images\\..\\..\\secret")]
    [InlineData("/data/upload/7/../../../etc/passwd")]
    [InlineData("upload/../secret.txt")]
    [InlineData("/storage-data/uploaded/?filepath=upload/../../etc/passwd")]
    public async Task Traversal_is_refused_before_any_request(string url)
    {
        await using var fake = await FakeLabelStudio.StartAsync();
        await using var harness = TaskDataHarness.For(fake, configure: options => options.LocalFilesDocumentRoot = "/");

        var error = await Assert.ThrowsAsync<TaskDataException>(() => harness.TaskData.GetLocalPathAsync(url));

        Assert.Equal(TaskDataErrorCategory.Refused, error.Category);
        Assert.Contains("'..'", error.Message, StringComparison.Ordinal);
        Assert.Empty(fake.Requests);
    }

    [Fact]
    public async Task A_file_name_with_dots_or_separators_stays_inside_the_cache()
    {
        await using var fake = await FakeLabelStudio.StartAsync();
        fake.RequireAuth = false;
        fake.ServeAnything = true;
        await using var harness = TaskDataHarness.Create();

        var path = await harness.TaskData.GetLocalPathAsync($"{fake.Url}files/..%2F..%2Fevil.sh");

        Assert.Equal(harness.CacheDir, Path.GetDirectoryName(path));
        Assert.DoesNotContain("/", Path.GetFileName(path), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Local_files_under_the_document_root_are_read_from_disk()
    {
        await using var fake = await FakeLabelStudio.StartAsync();
        var root = Directory.CreateTempSubdirectory("lsml-root-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(root, "images"));
            await File.WriteAllTextAsync(Path.Combine(root, "images", "dog.txt"), "woof");
            await using var harness = TaskDataHarness.For(fake, configure: options => options.LocalFilesDocumentRoot = root);

            var path = await harness.TaskData.GetLocalPathAsync("/data/local-files/?d=images/dog.txt");

            Assert.Equal(Path.Combine(root, "images", "dog.txt"), path);
            Assert.Empty(fake.Requests);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public async Task A_symbolic_link_out_of_the_document_root_is_not_followed()
    {
        await using var fake = await FakeLabelStudio.StartAsync();
        fake.Files["/data/local-files/?d=link.txt"] = FakeFile.Text("from Label Studio");
        var root = Directory.CreateTempSubdirectory("lsml-root-").FullName;
        var outside = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(outside, "secret");
            File.CreateSymbolicLink(Path.Combine(root, "link.txt"), outside);
            await using var harness = TaskDataHarness.For(fake, configure: options => options.LocalFilesDocumentRoot = root);

            Assert.Equal("from Label Studio", await harness.TaskData.ReadTextAsync("/data/local-files/?d=link.txt"));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
            File.Delete(outside);
        }
    }

    [Fact]
    public async Task An_existing_local_path_inside_an_allowed_root_is_returned_as_it_is()
    {
        var root = Directory.CreateTempSubdirectory("lsml-root-").FullName;
        try
        {
            var file = Path.Combine(root, "a.txt");
            await File.WriteAllTextAsync(file, "local");
            await using var harness = TaskDataHarness.Create(options => options.AllowedRoots.Add(root));

            Assert.Equal(file, await harness.TaskData.GetLocalPathAsync(file));
            Assert.Equal("local", await harness.TaskData.ReadTextAsync(new Uri(file).AbsoluteUri));
            var missing = await Assert.ThrowsAsync<TaskDataException>(() => harness.TaskData.GetLocalPathAsync(Path.Combine(root, "b.txt")));
            Assert.Equal(TaskDataErrorCategory.NotFound, missing.Category);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Theory]
    [InlineData("/etc/passwd")]
    [InlineData("file:///etc/passwd")]
    public async Task A_local_path_outside_the_allowed_roots_is_refused(string path)
    {
        await using var harness = TaskDataHarness.Create();

        var error = await Assert.ThrowsAsync<TaskDataException>(() => harness.TaskData.GetLocalPathAsync(path));

        Assert.Equal(TaskDataErrorCategory.Refused, error.Category);
        Assert.Contains("TASK_DATA_ALLOWED_ROOTS", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://169.254.169.254/latest/meta-data/iam/security-credentials/")]
    [InlineData("http://[fd00:ec2::254]/latest/meta-data/")]
    [InlineData("http://[::ffff:169.254.169.254]/latest/meta-data/")]
    [InlineData("http://metadata.google.internal/computeMetadata/v1/")]
    public async Task Cloud_metadata_addresses_are_refused_by_default(string url)
    {
        await using var harness = TaskDataHarness.Create();

        var error = await Assert.ThrowsAsync<TaskDataException>(() => harness.TaskData.GetLocalPathAsync(url));

        Assert.Equal(TaskDataErrorCategory.Refused, error.Category);
        Assert.Contains("TASK_DATA_ALLOW_METADATA_ADDRESSES", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_redirect_to_a_metadata_address_is_refused()
    {
        await using var fake = await FakeLabelStudio.StartAsync();
        fake.RequireAuth = false;
        fake.Redirects["/x.jpg"] = "http://169.254.169.254/latest/meta-data/";
        await using var harness = TaskDataHarness.Create();

        var error = await Assert.ThrowsAsync<TaskDataException>(() => harness.TaskData.GetLocalPathAsync($"{fake.Url}x.jpg"));

        Assert.Equal(TaskDataErrorCategory.Refused, error.Category);
        Assert.Single(fake.Requests);
    }

    [Fact]
    public async Task Redirect_loops_stop_with_Refused()
    {
        await using var fake = await FakeLabelStudio.StartAsync();
        fake.RequireAuth = false;
        fake.Redirects["/loop"] = "/loop";
        await using var harness = TaskDataHarness.Create(options => options.MaxRedirects = 3);

        var error = await Assert.ThrowsAsync<TaskDataException>(() => harness.TaskData.GetLocalPathAsync($"{fake.Url}loop"));

        Assert.Equal(TaskDataErrorCategory.Refused, error.Category);
        Assert.Equal(4, fake.Requests.Count);
    }
}
