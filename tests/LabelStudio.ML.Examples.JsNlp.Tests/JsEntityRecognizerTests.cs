using Xunit;

namespace LabelStudio.ML.Examples.JsNlp.Tests;

/// <summary>The recognizer with the real compromise model: entity positions in the original text, and the text cap.</summary>
public sealed class JsEntityRecognizerTests(RecognizerFixture fixture) : IClassFixture<RecognizerFixture>
{
    [Fact]
    public async Task Entities_keep_their_positions_after_emoji_and_CJK()
    {
        const string Text = "😀 東京. Katy Perry flew to Paris.";

        var entities = await fixture.Recognizer.RecognizeAsync(Text);

        Assert.Contains(new JsEntity("Person", 7, 17), entities);
        Assert.Contains(new JsEntity("Place", 26, 31), entities);
        Assert.Equal("Katy Perry", new JsEntity("Person", 7, 17).TextIn(Text));
    }

    [Fact]
    public async Task Only_the_first_MaxTextLength_characters_are_searched()
    {
        var text = string.Concat(Enumerable.Repeat("Katy Perry flew to Paris. ", 10));

        var entities = await fixture.Recognizer.RecognizeAsync(text);

        // Cut at the last space before character 40: "Katy Perry flew to Paris. Katy Perry".
        Assert.Contains(new JsEntity("Person", 0, 10), entities);
        Assert.Contains(new JsEntity("Place", 19, 24), entities);
        Assert.All(entities, entity => Assert.True(entity.End <= 36, $"{entity} lies past the cap"));
        Assert.Empty(await fixture.Recognizer.RecognizeAsync("   "));
    }
}
