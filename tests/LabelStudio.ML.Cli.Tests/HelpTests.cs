using LabelStudio.ML.Cli.Tests.Support;
using Xunit;

namespace LabelStudio.ML.Cli.Tests;

/// <summary>Every command explains itself with examples; a wrong command line fails with short reasons, not a help page.</summary>
public sealed class HelpTests
{
    [Theory]
    [InlineData("label-studio-ml create my_ml_backend")]
    [InlineData("create", "label-studio-ml create sentiment --from ../SentimentModel.cs")]
    [InlineData("start", "label-studio-ml start my_ml_backend -p 9091 --model-dir ./models --debug")]
    [InlineData("deploy", "label-studio-ml deploy k8s my_ml_backend")]
    [InlineData("deploy gcp", "--dry-run")]
    [InlineData("deploy k8s", "--output ./manifests")]
    public async Task Help_shows_usage_and_examples(params string[] commandAndExample)
    {
        var command = commandAndExample[..^1].SelectMany(part => part.Split(' ')).ToArray();

        var (code, output, _) = await Tool.RunAsync([.. command, "--help"]);

        Assert.Equal(0, code);
        Assert.Contains($"label-studio-ml {string.Join(' ', command)}".TrimEnd(), output);
        Assert.Contains("Examples:", output);
        Assert.Contains(commandAndExample[^1], output);
    }

    [Fact]
    public async Task An_unknown_command_fails_with_a_short_reason()
    {
        var (code, output, error) = await Tool.RunAsync("launch", "x");

        Assert.NotEqual(0, code);
        Assert.Contains("'launch'", error);
        Assert.DoesNotContain("Usage:", output + error);
    }
}
