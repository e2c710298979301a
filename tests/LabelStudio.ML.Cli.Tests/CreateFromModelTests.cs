using LabelStudio.ML.Cli.Tests.Support;
using Xunit;

namespace LabelStudio.ML.Cli.Tests;

/// <summary><c>create NAME --from FILE[:Class]</c>: the project built around the user's own model class.</summary>
public sealed class CreateFromModelTests
{
    private const string OneModel = """
        using LabelStudio.ML;

        namespace Acme.Models;

        // class NotAModel : LabelStudioModel — a comment, not a declaration
        public sealed class SentimentModel(IServiceProvider services) : LabelStudioModel
        {
            private readonly string _text = "class Fake : LabelStudioModel";
        }
        """;

    private const string TwoModels = """
        using LabelStudio.ML;

        public abstract class ModelBase : LabelStudioModel { }
        public sealed class NerModel : LabelStudio.ML.LabelStudioModel { }
        internal sealed class OcrModel : global::LabelStudio.ML.LabelStudioModel { }
        public sealed class Helper { }
        """;

    [Fact]
    public async Task Copies_the_file_and_wires_Program_to_its_only_model_class()
    {
        using var temp = new TempFolder();
        var file = temp.Combine("SentimentModel.cs");
        await File.WriteAllTextAsync(file, OneModel);

        var (code, output, error) = await Tool.RunAsync("create", "sentiment", "--from", file, "--root-dir", temp.Path);

        Assert.True(code == 0, error);
        Assert.Contains("around SentimentModel", output);
        var project = temp.Combine("sentiment");
        Assert.Equal(OneModel, await File.ReadAllTextAsync(Path.Combine(project, "SentimentModel.cs")));
        Assert.False(File.Exists(Path.Combine(project, "NewModel.cs")));
        Assert.Contains("AddLabelStudioMLBackend<global::Acme.Models.SentimentModel>()", await File.ReadAllTextAsync(Path.Combine(project, "Program.cs")));
        Assert.False(File.Exists(Path.Combine(project, "sentiment.Tests", "NewModelTests.cs")));
        Assert.Contains("TestBackend.StartAsync<global::Acme.Models.SentimentModel>()", await File.ReadAllTextAsync(Path.Combine(project, "sentiment.Tests", "BackendTests.cs")));
    }

    [Fact]
    public async Task Asks_which_class_when_the_file_has_several()
    {
        using var temp = new TempFolder();
        var file = temp.Combine("Models.cs");
        await File.WriteAllTextAsync(file, TwoModels);

        var (code, _, error) = await Tool.RunAsync("create", "ner", "--from", file, "--root-dir", temp.Path);

        Assert.Equal(1, code);
        Assert.Equal($"error: --from: {file} has several model classes (NerModel, OcrModel); choose one with --from {file}:NerModel.", error.Trim());
        Assert.False(Directory.Exists(temp.Combine("ner")));
    }

    [Fact]
    public async Task Uses_the_class_named_after_the_colon()
    {
        using var temp = new TempFolder();
        var file = temp.Combine("Models.cs");
        await File.WriteAllTextAsync(file, TwoModels);

        var (code, _, error) = await Tool.RunAsync("create", "ocr", "--from", file + ":OcrModel", "--root-dir", temp.Path);

        Assert.True(code == 0, error);
        Assert.Contains("AddLabelStudioMLBackend<global::OcrModel>()", await File.ReadAllTextAsync(temp.Combine("ocr", "Program.cs")));
    }

    [Fact]
    public async Task Names_the_candidates_when_the_named_class_is_not_a_model()
    {
        using var temp = new TempFolder();
        var file = temp.Combine("Models.cs");
        await File.WriteAllTextAsync(file, TwoModels);

        var (code, _, error) = await Tool.RunAsync("create", "x", "--from", file + ":Helper", "--root-dir", temp.Path);

        Assert.Equal(1, code);
        Assert.Equal($"error: --from: {file} has no model class 'Helper'; it has: NerModel, OcrModel.", error.Trim());
    }

    [Fact]
    public async Task Fails_for_a_file_without_a_model_class_or_a_missing_file()
    {
        using var temp = new TempFolder();
        var file = temp.Combine("Plain.cs");
        await File.WriteAllTextAsync(file, "public abstract class Base : LabelStudio.ML.LabelStudioModel { }\npublic class Other { }");

        var none = await Tool.RunAsync("create", "x", "--from", file, "--root-dir", temp.Path);
        var missing = await Tool.RunAsync("create", "x", "--from", temp.Combine("Missing.cs"), "--root-dir", temp.Path);

        Assert.Equal((1, $"error: --from: {file} has no class deriving from LabelStudioModel."), (none.ExitCode, none.Error.Trim()));
        Assert.Equal((1, $"error: --from: {temp.Combine("Missing.cs")} was not found."), (missing.ExitCode, missing.Error.Trim()));
    }

    [Theory]
    [InlineData("Model.cs", "Model.cs", null)]
    [InlineData("Model.cs:SentimentModel", "Model.cs", "SentimentModel")]
    [InlineData(@"C:\models\Model.cs", @"C:\models\Model.cs", null)]
    [InlineData(@"C:\models\Model.cs:Ner", @"C:\models\Model.cs", "Ner")]
    public void Splits_the_file_from_the_class(string spec, string file, string? className) =>
        Assert.Equal((file, className), LabelStudio.ML.Cli.Support.ModelClassFinder.SplitSpec(spec));
}
