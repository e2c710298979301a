using System.Diagnostics;
using LabelStudio.ML.Cli.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace LabelStudio.ML.Templates.Tests;

/// <summary>
/// <c>dotnet new labelstudio-ml</c> from the packed template, against the packed SDK packages: the project it makes
/// builds and passes its own tests with no edits.
/// </summary>
public sealed class GeneratedProjectTests(ITestOutputHelper log)
{
    [Fact]
    public async Task The_generated_backend_builds_and_passes_its_tests_without_edits()
    {
        var clock = Stopwatch.StartNew();
        using var feed = await LocalFeed.PackAsync("LabelStudio.ML", "LabelStudio.ML.Testing", "LabelStudio.ML.Templates");
        var hive = Path.Combine(feed.Root, "hive");
        await RunAsync(feed, ["new", "install", Path.Combine(feed.Feed, $"LabelStudio.ML.Templates.{feed.Version}.nupkg"), "--debug:custom-hive", hive]);

        await RunAsync(feed, ["new", "labelstudio-ml", "-n", "my_ml_backend", "--debug:custom-hive", hive]);

        var project = Path.Combine(feed.Root, "my_ml_backend");
        Assert.Contains($"<LabelStudioMLVersion>{feed.Version}</LabelStudioMLVersion>", await File.ReadAllTextAsync(Path.Combine(project, "Directory.Build.props")));
        Assert.True(File.Exists(Path.Combine(project, ".dockerignore")));
        Assert.True(File.Exists(Path.Combine(project, ".gitattributes")));
        log.WriteLine($"created in {clock.Elapsed}");

        var output = await RunAsync(feed, ["test", Path.Combine(project, "my_ml_backend.Tests")]);

        Assert.Matches(@"Passed!\s+-\s+Failed:\s+0,\s+Passed:\s+3,\s+Skipped:\s+0", output);
        log.WriteLine($"tested in {clock.Elapsed}");
    }

    private static async Task<string> RunAsync(LocalFeed feed, string[] arguments)
    {
        var (code, output, error) = await CommandRun.RunAsync(CommandRun.Dotnet, arguments, feed.Root, feed.Environment, TimeSpan.FromMinutes(3));
        Assert.True(code == 0, $"dotnet {string.Join(' ', arguments)} exited {code}:\n{output}\n{error}");
        return output;
    }
}
