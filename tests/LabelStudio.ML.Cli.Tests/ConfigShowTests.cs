using LabelStudio.ML.Cli.Tests.Support;
using Xunit;

namespace LabelStudio.ML.Cli.Tests;

/// <summary><c>config show</c>: the settings a backend would run with, bound by the backend's own code, secrets masked.</summary>
public sealed class ConfigShowTests
{
    private static Dictionary<string, string> Settings(string output) => output
        .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .Where(line => !line.StartsWith('#'))
        .Select(line => line.Split('=', 2))
        .ToDictionary(parts => parts[0], parts => parts[1], StringComparer.Ordinal);

    [Fact]
    public async Task Shows_the_switches_as_the_backend_binds_them_with_the_password_masked()
    {
        var (code, output, _) = await Tool.RunAsync("config", "show", "-p", "9091", "--basic-auth-user", "annotator", "--basic-auth-pass", "pw-6d1f-hidden", "--debug");

        Assert.Equal(0, code);
        Assert.DoesNotContain("pw-6d1f-hidden", output, StringComparison.Ordinal);
        var settings = Settings(output);
        Assert.Equal("9091", settings["PORT"]);
        Assert.Equal("DEBUG", settings["LOG_LEVEL"]);
        Assert.Equal("annotator", settings["BASIC_AUTH_USER"]);
        Assert.Equal("***", settings["BASIC_AUTH_PASS"]);
        // Defaults come from the backend's options: 128 queued predictions, batching on, 100 s predict timeout.
        Assert.Equal("128", settings["MAX_QUEUED_PREDICTIONS"]);
        Assert.Equal("auto", settings["BATCHING"]);
        Assert.Equal("100", settings["PREDICT_TIMEOUT_SECONDS"]);
        Assert.Equal("text", settings["LOG_FORMAT"]);
    }

    [Fact]
    public async Task Redacted_also_masks_the_user_name()
    {
        var (code, output, _) = await Tool.RunAsync("config", "show", "--redacted", "--basic-auth-user", "annotator", "--basic-auth-pass", "pw");

        Assert.Equal(0, code);
        Assert.DoesNotContain("annotator", output, StringComparison.Ordinal);
        Assert.Equal("***", Settings(output)["BASIC_AUTH_USER"]);
    }

    [Fact]
    public async Task A_setting_the_backend_would_refuse_is_an_error_naming_it()
    {
        var (code, _, error) = await Tool.RunAsync("config", "show", "--log-level", "LOUD");

        Assert.Equal(2, code);
        Assert.Contains("LOG_LEVEL must be DEBUG, INFO, WARNING or ERROR, got 'LOUD'.", error, StringComparison.Ordinal);
    }
}
