using System.Text.Json.Nodes;
using Xunit;

namespace Spacy.Tests;

/// <summary>Tasks without the text key, with empty text, or with a megabyte of text.</summary>
public sealed class BadInputTests(SpacyBackend fixture) : IClassFixture<SpacyBackend>
{
    private static readonly string Config = SpacyBackend.LabelConfig("PERSON", "GPE", "DATE");

    [Fact]
    public async Task A_task_without_the_text_key_is_422_naming_the_task_and_the_key()
    {
        var failure = await Assert.ThrowsAsync<HttpRequestException>(() => fixture.Backend.PredictAsync(
            Config, [new JsonObject { ["id"] = 4711, ["data"] = new JsonObject { ["body"] = "Katy Perry" } }]));

        Assert.Equal(422, (int?)failure.StatusCode);
        Assert.Contains("Task 4711 has no data key 'text'", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Empty_text_gets_an_empty_prediction()
    {
        var spans = await fixture.PredictAsync(Config, ["", "   "]);

        Assert.All(spans, Assert.Empty);
    }

    [Fact]
    public async Task A_megabyte_of_text_is_searched_up_to_the_cap_and_the_server_keeps_serving()
    {
        var sentence = "Katy Perry flew to Paris. ";
        var text = string.Concat(Enumerable.Repeat(sentence, (1 << 20) / sentence.Length + 1));

        var spans = (await fixture.PredictAsync(Config, [text]))[0];

        Assert.NotEmpty(spans);
        Assert.All(spans, span => Assert.True(span.End <= 20_000, $"span at {span.Start} lies past the 20,000-character cap"));
        Assert.All(spans, span => Assert.Equal(text[span.Start..span.End], span.Text));
        var next = (await fixture.PredictAsync(Config, ["Katy Perry sang."]))[0];
        Assert.Equal(["Katy Perry"], next.Select(span => span.Text));
    }
}
