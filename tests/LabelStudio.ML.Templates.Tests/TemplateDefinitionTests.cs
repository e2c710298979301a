using System.Text.Json.Nodes;
using LabelStudio.ML.Cli.Tests.Support;
using Xunit;

namespace LabelStudio.ML.Templates.Tests;

/// <summary>The template as <c>dotnet new</c> reads it: its short name, the name it replaces, the files it makes.</summary>
public sealed class TemplateDefinitionTests
{
    private static readonly string Content = Path.Combine(LocalFeed.RepositoryRoot(), "src", "LabelStudio.ML.Templates", "content", "labelstudio-ml");

    [Fact]
    public void Is_named_labelstudio_ml_and_renames_my_ml_backend()
    {
        var template = JsonNode.Parse(File.ReadAllText(Path.Combine(Content, ".template.config", "template.json")))!;

        Assert.Equal("labelstudio-ml", (string?)template["shortName"]);
        Assert.Equal("my_ml_backend", (string?)template["sourceName"]);
        Assert.Equal("project", (string?)template["tags"]!["type"]);
        Assert.Equal("C#", (string?)template["tags"]!["language"]);
        // The package version is stamped in at pack time, so that it is set in Directory.Build.props only.
        Assert.Equal("@PACKAGE_VERSION@", (string?)template["symbols"]!["SdkVersion"]!["defaultValue"]);
        Assert.Equal("LABELSTUDIO_ML_VERSION", (string?)template["symbols"]!["SdkVersion"]!["replaces"]);
    }

    [Fact]
    public void Holds_the_backend_its_tests_and_its_container_files()
    {
        string[] expected =
        [
            ".dockerignore", ".gitattributes", ".gitignore", ".template.config/template.json", "Directory.Build.props", "Dockerfile", "NewModel.cs",
            "Program.cs", "README.md", "docker-compose.yml", "my_ml_backend.Tests/NewModelTests.cs", "my_ml_backend.Tests/my_ml_backend.Tests.csproj",
            "my_ml_backend.csproj",
        ];

        var files = Directory.GetFiles(Content, "*", SearchOption.AllDirectories)
            .Select(file => Path.GetRelativePath(Content, file).Replace('\\', '/'))
            .Where(file => !file.Contains("/bin/", StringComparison.Ordinal) && !file.Contains("/obj/", StringComparison.Ordinal));

        Assert.Equal(expected.Order(StringComparer.Ordinal), files.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_model_shows_predict_fit_state_and_task_data()
    {
        var model = File.ReadAllText(Path.Combine(Content, "NewModel.cs"));

        Assert.Contains("public override Task<ModelResponse?> PredictAsync(", model);
        Assert.Contains("public override Task<object?> FitAsync(", model);
        Assert.Contains("State.Set(", model);
        Assert.Contains("task.Data", model);
        Assert.Contains("BumpModelVersion()", model);
    }

    [Fact]
    public void The_projects_reference_the_sdk_packages_by_one_version_property_and_shut_out_enclosing_settings()
    {
        var props = File.ReadAllText(Path.Combine(Content, "Directory.Build.props"));
        var backend = File.ReadAllText(Path.Combine(Content, "my_ml_backend.csproj"));
        var tests = File.ReadAllText(Path.Combine(Content, "my_ml_backend.Tests", "my_ml_backend.Tests.csproj"));

        Assert.Contains("<LabelStudioMLVersion>LABELSTUDIO_ML_VERSION</LabelStudioMLVersion>", props);
        Assert.Contains("<ImportDirectoryPackagesProps>false</ImportDirectoryPackagesProps>", props);
        Assert.Contains("<PackageReference Include=\"LabelStudio.ML\" Version=\"$(LabelStudioMLVersion)\" />", backend);
        Assert.Contains("<PackageReference Include=\"LabelStudio.ML.Testing\" Version=\"$(LabelStudioMLVersion)\" />", tests);
        Assert.Contains("<PackageReference Include=\"xunit\" Version=\"2.9.3\" />", tests);
    }
}
