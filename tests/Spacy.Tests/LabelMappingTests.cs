using Xunit;

namespace Spacy.Tests;

/// <summary>The model's entity types meet the project's labels: spaCy names, predicted_values, and labels it does not know.</summary>
public sealed class LabelMappingTests(SpacyBackend fixture) : IClassFixture<SpacyBackend>
{
    private const string Text = "Katy Perry paid $1,299 in New York on 5 June 2023 at 10:30 am.";

    [Fact]
    public async Task SpaCy_labels_are_predicted_with_exact_spans()
    {
        var spans = (await fixture.PredictAsync(SpacyBackend.LabelConfig("PERSON", "GPE", "ORG", "DATE", "TIME", "MONEY"), [Text]))[0];

        Assert.Equal(
            [("PERSON", 0, 10, "Katy Perry"), ("MONEY", 16, 22, "$1,299"), ("GPE", 26, 34, "New York"), ("DATE", 38, 49, "5 June 2023"), ("TIME", 53, 61, "10:30 am")],
            spans.Select(span => (span.Label, span.Start, span.End, span.Text)));
    }

    [Fact]
    public async Task Places_become_LOC_without_GPE_and_predicted_values_rename_labels()
    {
        var spans = (await fixture.PredictAsync(SpacyBackend.LabelConfig("LOC", "Person=PERSON", "When=DATE,TIME"), [Text]))[0];

        Assert.Equal(
            [("Person", "Katy Perry"), ("LOC", "New York"), ("When", "5 June 2023"), ("When", "10:30 am")],
            spans.Select(span => (span.Label, span.Text)));
    }

    [Fact]
    public async Task Labels_the_model_does_not_know_are_ignored()
    {
        var spans = (await fixture.PredictAsync(SpacyBackend.LabelConfig("FOOD", "VEHICLE", "MONEY"), [Text]))[0];

        Assert.Equal([("MONEY", "$1,299")], spans.Select(span => (span.Label, span.Text)));
    }

    [Fact]
    public async Task Offsets_count_code_points_after_an_emoji()
    {
        var spans = (await fixture.PredictAsync(SpacyBackend.LabelConfig("PERSON"), ["🍎🍎 Katy Perry sang."]))[0];

        Assert.Equal([("PERSON", 3, 13, "Katy Perry")], spans.Select(span => (span.Label, span.Start, span.End, span.Text)));
    }
}
