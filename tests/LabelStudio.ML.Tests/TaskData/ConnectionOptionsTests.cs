using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Xunit;

namespace LabelStudio.ML.Tests.TaskData;

/// <summary><see cref="LabelStudioConnectionOptions"/> read from the environment variable names of the original SDK.</summary>
public sealed class ConnectionOptionsTests
{
    private static LabelStudioConnectionOptions Bind(Dictionary<string, string?> environment, string modelDir = "/models")
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(environment).Build();
        var options = new LabelStudioConnectionOptions();
        new LabelStudioConnectionOptionsSetup(configuration, Options.Create(new LabelStudioMLOptions { ModelDir = modelDir })).Configure(options);
        return options;
    }

    [Fact]
    public void Defaults()
    {
        var options = Bind([]);
        Assert.Null(options.Url);
        Assert.Null(options.ApiKey);
        Assert.True(options.VerifySsl);
        Assert.Equal(Path.Combine("/models", ".cache"), options.CacheDir);
        Assert.Equal(1L << 30, options.MaxFileSize);
        Assert.Equal(TimeSpan.FromSeconds(100), options.Timeout);
        Assert.False(options.AllowMetadataAddresses);
    }

    [Fact]
    public void Aliases_are_read_when_the_main_names_are_absent()
    {
        var options = Bind(new() { ["LABEL_STUDIO_HOST"] = "http://ls:8080", ["LABEL_STUDIO_ACCESS_TOKEN"] = "abc", ["HOSTNAME"] = "container-id" });
        Assert.Equal("http://ls:8080", options.Url);
        Assert.Equal("abc", options.ApiKey);

        var main = Bind(new() { ["LABEL_STUDIO_URL"] = "http://a", ["LABEL_STUDIO_HOST"] = "http://b", ["LABEL_STUDIO_API_KEY"] = "k", ["LABEL_STUDIO_ACCESS_TOKEN"] = "t" });
        Assert.Equal(("http://a", "k"), (main.Url, main.ApiKey));
    }

    [Fact]
    public void Prefixed_names_win_and_every_setting_has_a_variable()
    {
        var options = Bind(new()
        {
            ["VERIFY_SSL"] = "true",
            ["LABEL_STUDIO_VERIFY_SSL"] = "off",
            ["LOCAL_FILES_DOCUMENT_ROOT"] = "/plain",
            ["HEARTEX_LOCAL_FILES_DOCUMENT_ROOT"] = "/heartex",
            ["TASK_DATA_CACHE_DIR"] = "/cache",
            ["TASK_DATA_MAX_FILE_SIZE"] = "1024",
            ["TASK_DATA_TIMEOUT"] = "5",
            ["TASK_DATA_ALLOW_METADATA_ADDRESSES"] = "yes",
            ["TASK_DATA_ALLOWED_ROOTS"] = $"/a{Path.PathSeparator}/b",
        });
        Assert.False(options.VerifySsl);
        Assert.Equal("/heartex", options.LocalFilesDocumentRoot);
        Assert.Equal("/cache", options.CacheDir);
        Assert.Equal(1024, options.MaxFileSize);
        Assert.Equal(TimeSpan.FromSeconds(5), options.Timeout);
        Assert.True(options.AllowMetadataAddresses);
        Assert.Equal(["/a", "/b"], options.AllowedRoots);
    }

    [Theory]
    [InlineData("VERIFY_SSL", "maybe")]
    [InlineData("TASK_DATA_MAX_FILE_SIZE", "-1")]
    [InlineData("TASK_DATA_TIMEOUT", "soon")]
    public void Unusable_values_stop_the_server_naming_the_variable(string name, string value)
    {
        var error = Assert.Throws<OptionsValidationException>(() => Bind(new() { [name] = value }));
        Assert.Contains(name, error.Message, StringComparison.Ordinal);
    }
}
