using System.Net;
using LabelStudio.ML.Testing.Tests.Support;
using Xunit;

namespace LabelStudio.ML.Testing.Tests;

/// <summary><see cref="TestBackend.SetupAsync"/> sends <c>/setup</c> as Label Studio does and returns the model version.</summary>
public sealed class SetupHelperTests
{
    [Fact]
    public async Task Returns_the_initial_model_version_of_a_new_project()
    {
        await using var backend = await TestBackend.StartAsync<KeywordSentimentModel>();

        Assert.Equal("0.0.1", await backend.SetupAsync(KeywordSentimentModel.LabelConfig));
    }

    [Fact]
    public async Task Returns_the_version_stored_for_the_project()
    {
        await using var backend = await TestBackend.StartAsync<KeywordSentimentModel>();
        backend.Store.Set("5", StateKeys.ModelVersion, "sentiment-v3");

        Assert.Equal("sentiment-v3", await backend.SetupAsync(KeywordSentimentModel.LabelConfig, project: "5.1712586036"));
    }

    [Fact]
    public async Task Stores_the_label_config_and_the_extra_params_for_the_project()
    {
        await using var backend = await TestBackend.StartAsync<KeywordSentimentModel>();

        await backend.SetupAsync(KeywordSentimentModel.LabelConfig, project: "6.1712586036", extraParams: "{\"threshold\": 0.4}");

        Assert.Equal(KeywordSentimentModel.LabelConfig, backend.Store.Get("6", StateKeys.LabelConfig));
        Assert.Equal("{\"threshold\": 0.4}", backend.Store.Get("6", StateKeys.ExtraParams));
    }

    [Fact]
    public async Task A_non_200_answer_throws_with_the_status()
    {
        await using var backend = await TestBackend.StartAsync<KeywordSentimentModel>();

        var failure = await Assert.ThrowsAsync<HttpRequestException>(() => backend.SetupAsync("<View>not closed"));

        Assert.NotNull(failure.StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, failure.StatusCode);
        Assert.StartsWith("/setup answered ", failure.Message, StringComparison.Ordinal);
    }
}
