using Xunit;

namespace LabelStudio.ML.Tests.Model;

public sealed class ModelVersionsTests
{
    [Theory]
    [InlineData("0.0.1", "0.1.0")]
    [InlineData("0.1.0", "0.2.0")]
    [InlineData("1.9.7", "1.10.0")]
    [InlineData("1.2.3-beta.1+build.5", "1.3.0")]
    [InlineData("SklearnTextClassifier-v0.0.1", "SklearnTextClassifier-v0.1.0")]
    [InlineData("my-model", "my-model.1")]
    [InlineData("my-model.1", "my-model.2")]
    [InlineData("1.2.3.4", "1.2.3.5")]
    [InlineData("yolov8n", "yolov8n.1")]
    public void Bump_moves_the_minor_part_or_a_numeric_suffix(string current, string next)
    {
        Assert.Equal(next, ModelVersions.Bump(current));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void A_missing_version_bumps_from_the_initial_one(string? current)
    {
        Assert.Equal("0.1.0", ModelVersions.Bump(current));
    }
}
