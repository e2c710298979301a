using Xunit;

namespace LabelStudio.ML.Examples.JsNlp.Tests;

/// <summary>Rebuilding token positions from token strings, and the truncation cap; no JavaScript engine needed.</summary>
public sealed class TokenOffsetsTests
{
    [Fact]
    public void Tokens_are_found_in_order_in_UTF16_positions_across_emoji_and_CJK()
    {
        // "❤️" is two UTF-16 units (U+2764 U+FE0F), "😀" a surrogate pair, each CJK character one unit.
        const string Text = "I ❤️ 東京 😀 Tokyo";

        var ranges = TokenOffsets.Locate(Text, ["I", "❤️", "東京", "😀", "Tokyo"]);

        Assert.Equal([(0, 1), (2, 4), (5, 7), (8, 10), (11, 16)], ranges.Select(range => range!.Value));
    }

    [Fact]
    public void A_rewritten_token_has_no_position_and_does_not_move_the_search()
    {
        var ranges = TokenOffsets.Locate("I don't know", ["I", "do", "not", "know", ""]);

        Assert.Equal((0, 1), ranges[0]);
        Assert.Equal((2, 4), ranges[1]);
        Assert.Null(ranges[2]);
        Assert.Equal((8, 12), ranges[3]);
        Assert.Null(ranges[4]);
    }

    [Fact]
    public void Truncation_cuts_at_a_white_space_or_before_a_surrogate_pair()
    {
        Assert.Equal("aaa bbb", JsEntityRecognizer.Truncate("aaa bbb ccc", 9));
        Assert.Equal("ab", JsEntityRecognizer.Truncate("ab😀cd", 3));
        Assert.Equal("short", JsEntityRecognizer.Truncate("short", 9));
    }

    [Fact]
    public void Of_overlapping_entities_the_longer_stays_and_on_a_tie_the_first_models()
    {
        List<JsEntity> first = [new("Person", 0, 10), new("Place", 20, 25)];
        List<JsEntity> second = [new("DATE", 5, 30), new("CARDINAL", 40, 42), new("MONEY", 0, 10)];

        var kept = JsEntityRecognizer.WithoutOverlaps([first, second]);

        // DATE (25 long) beats both entities it overlaps; Person and MONEY tie on length, the first model's wins, but
        // Person overlaps DATE, so only DATE and CARDINAL stay.
        Assert.Equal([new("DATE", 5, 30), new("CARDINAL", 40, 42)], kept);
        Assert.Equal([new("Person", 0, 10)], JsEntityRecognizer.WithoutOverlaps([[new("Person", 0, 10)], [new("MONEY", 0, 10)]]));
    }
}
