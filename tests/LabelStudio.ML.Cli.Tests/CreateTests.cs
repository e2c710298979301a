using System.Reflection;
using LabelStudio.ML.Cli.Tests.Support;
using Xunit;

namespace LabelStudio.ML.Cli.Tests;

/// <summary><c>create NAME</c>: the template's files, named after the backend, referencing the tool's SDK version.</summary>
public sealed class CreateTests
{
    [Fact]
    public async Task Writes_the_template_named_after_the_backend()
    {
        using var temp = new TempFolder();

        var (code, output, error) = await Tool.RunAsync("create", "sentiment", "--root-dir", temp.Path);

        Assert.True(code == 0, error);
        Assert.Contains("label-studio-ml start", output);
        string[] expected =
        [
            ".dockerignore", ".gitattributes", ".gitignore", "Directory.Build.props", "Dockerfile", "NewModel.cs", "Program.cs", "README.md",
            "docker-compose.yml", "sentiment.csproj", "sentiment.Tests/NewModelTests.cs", "sentiment.Tests/sentiment.Tests.csproj",
        ];
        var written = Directory.GetFiles(temp.Combine("sentiment"), "*", SearchOption.AllDirectories)
            .Select(file => Path.GetRelativePath(temp.Combine("sentiment"), file).Replace('\\', '/'))
            .Order(StringComparer.Ordinal);
        Assert.Equal(expected.Order(StringComparer.Ordinal), written);
        Assert.Contains("sentiment.NewModel", await File.ReadAllTextAsync(temp.Combine("sentiment", "Program.cs")));
        Assert.Contains("namespace sentiment;", await File.ReadAllTextAsync(temp.Combine("sentiment", "NewModel.cs")));
        Assert.Contains("ENTRYPOINT [\"dotnet\", \"sentiment.dll\"]", await File.ReadAllTextAsync(temp.Combine("sentiment", "Dockerfile")));
        var props = await File.ReadAllTextAsync(temp.Combine("sentiment", "Directory.Build.props"));
        // The tool's own package version (its informational version without the "+commit" suffix).
        var version = typeof(CliApplication).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion.Split('+')[0];
        Assert.Contains($"<LabelStudioMLVersion>{version}</LabelStudioMLVersion>", props);
        foreach (var file in Directory.GetFiles(temp.Combine("sentiment"), "*", SearchOption.AllDirectories))
        {
            var text = await File.ReadAllTextAsync(file);
            Assert.DoesNotContain("my_ml_backend", text);
            Assert.DoesNotContain("LABELSTUDIO_ML_VERSION", text);
        }
    }

    [Fact]
    public async Task Refuses_a_folder_that_exists_unless_forced()
    {
        using var temp = new TempFolder();
        Assert.Equal(0, (await Tool.RunAsync("create", "demo", "--root-dir", temp.Path)).ExitCode);
        var model = temp.Combine("demo", "NewModel.cs");
        await File.WriteAllTextAsync(model, "// edited");

        var refused = await Tool.RunAsync("create", "demo", "--root-dir", temp.Path);

        Assert.Equal(1, refused.ExitCode);
        Assert.Equal($"error: {temp.Combine("demo")} already exists and is not empty; use --force to overwrite its files.", refused.Error.Trim());
        Assert.Equal("// edited", await File.ReadAllTextAsync(model));

        var forced = await Tool.RunAsync("create", "demo", "--root-dir", temp.Path, "--force");

        Assert.Equal(0, forced.ExitCode);
        Assert.Contains("class NewModel", await File.ReadAllTextAsync(model));
    }

    [Theory]
    [InlineData("9lives")]
    [InlineData("my-backend")]
    [InlineData("a b")]
    public async Task Rejects_a_name_that_cannot_be_a_project_and_namespace(string name)
    {
        using var temp = new TempFolder();

        var (code, _, error) = await Tool.RunAsync("create", name, "--root-dir", temp.Path);

        Assert.Equal(1, code);
        Assert.StartsWith($"error: '{name}' is not a valid backend name", error);
        Assert.Single(error.Trim().Split('\n'));
        Assert.Empty(Directory.GetFileSystemEntries(temp.Path));
    }
}
