using InteractiveSubstringMatching.Tests.Support;
using LabelStudio.ML.Testing;
using Xunit;

namespace InteractiveSubstringMatching.Tests;

/// <summary>Connecting the backend to a project: <c>/setup</c> reports the initial model version, as Label Studio expects.</summary>
public sealed class SetupTests
{
    [Fact]
    public async Task Setup_reports_the_initial_model_version()
    {
        await using var backend = await TestBackend.StartAsync<SubstringMatchingModel>();

        Assert.Equal("0.0.1", await backend.SetupAsync(NerProject.LabelConfig, project: "62053.1712586036"));
    }

    [Fact]
    public async Task The_version_reported_by_setup_is_the_one_stamped_onto_predictions()
    {
        await using var backend = await TestBackend.StartAsync<SubstringMatchingModel>();

        var version = await backend.SetupAsync(NerProject.LabelConfig, project: "7.1712586036");
        var results = await backend.PredictAsync(
            NerProject.LabelConfig, [NerProject.Task(1, "Apple, Apple")], NerProject.SelectionContext(0, 5, "Apple"), project: "7.1712586036");

        Assert.Equal(version, Assert.Single(results)!["model_version"]!.GetValue<string>());
    }
}
