using System.Text.Json.Nodes;
using Xunit;

namespace LabelStudio.ML.Tests.Responses;

public sealed class TextOffsetsTests
{
    // "I", " ", U+2764 HEAVY BLACK HEART, U+FE0F VARIATION SELECTOR-16, " ", U+1F355 PIZZA (a surrogate pair),
    // " ", "i", "n", " ", 東, 京: 12 code points in 13 UTF-16 code units.
    private const string Text = "I \u2764\uFE0F \U0001F355 in 東京";

    [Fact]
    public void Test_text_has_the_code_points_it_is_described_with()
    {
        var runes = Text.EnumerateRunes().Select(rune => rune.Value).ToArray();

        Assert.Equal([0x49, 0x20, 0x2764, 0xFE0F, 0x20, 0x1F355, 0x20, 0x69, 0x6E, 0x20, 0x6771, 0x4EAC], runes);
        Assert.Equal(13, Text.Length);
    }

    [Fact]
    public void Code_point_length_counts_a_surrogate_pair_once()
    {
        Assert.Equal(12, TextOffsets.CodePointLength(Text));
        Assert.Equal(0, TextOffsets.CodePointLength(string.Empty));
    }

    [Theory]
    [InlineData(0, 0)]   // "I"
    [InlineData(2, 2)]   // the heart: only BMP characters before it
    [InlineData(5, 5)]   // the pizza starts at the same place in both counts
    [InlineData(7, 6)]   // the space after the pizza: one code point, two code units before it
    [InlineData(11, 10)] // 東
    [InlineData(12, 11)] // 京
    [InlineData(13, 12)] // end of text
    public void Converts_between_utf16_and_code_point_indices(int utf16Index, int codePointIndex)
    {
        Assert.Equal(codePointIndex, TextOffsets.ToCodePointIndex(Text, utf16Index));
        Assert.Equal(utf16Index, TextOffsets.ToUtf16Index(Text, codePointIndex));
    }

    [Fact]
    public void Every_rune_boundary_round_trips()
    {
        var utf16Index = 0;
        var codePointIndex = 0;
        foreach (var rune in Text.EnumerateRunes())
        {
            Assert.Equal(codePointIndex, TextOffsets.ToCodePointIndex(Text, utf16Index));
            Assert.Equal(utf16Index, TextOffsets.ToUtf16Index(Text, codePointIndex));
            utf16Index += rune.Utf16SequenceLength;
            codePointIndex++;
        }
    }

    [Fact]
    public void Index_inside_a_surrogate_pair_is_rejected()
    {
        Assert.Throws<ArgumentException>(() => TextOffsets.ToCodePointIndex(Text, 6));
    }

    [Fact]
    public void Indices_outside_the_text_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => TextOffsets.ToCodePointIndex(Text, 14));
        Assert.Throws<ArgumentOutOfRangeException>(() => TextOffsets.ToCodePointIndex(Text, -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => TextOffsets.ToUtf16Index(Text, 13));
    }

    [Fact]
    public void Unpaired_surrogate_counts_as_one_code_point()
    {
        var text = "a\uD83Cb";

        Assert.Equal(3, TextOffsets.CodePointLength(text));
        Assert.Equal(2, TextOffsets.ToCodePointIndex(text, 2));
    }

    [Fact]
    public void Span_from_utf16_offsets_is_written_in_code_points()
    {
        var tag = new TagMatch("label", "text", "text");
        var utf16Start = Text.IndexOf("東京", StringComparison.Ordinal);

        var span = Region.Span(tag, Text, utf16Start, 2, ["LOC"], id: "s1");

        // 東京 starts after "I ❤️ 🍕 in " = 10 code points.
        JsonAssert.Equal(
            JsonNodeParse("""{"id": "s1", "from_name": "label", "to_name": "text", "type": "labels", "value": {"start": 10, "end": 12, "text": "東京", "labels": ["LOC"]}}"""),
            span.ToJson());
    }

    [Fact]
    public void Span_covering_the_emoji_takes_both_code_units()
    {
        var tag = new TagMatch("label", "text", "text");

        var span = Region.Span(tag, Text, 5, 2, ["FOOD"], id: "s2");

        JsonAssert.Equal(
            JsonNodeParse("""{"id": "s2", "from_name": "label", "to_name": "text", "type": "labels", "value": {"start": 5, "end": 6, "text": "🍕", "labels": ["FOOD"]}}"""),
            span.ToJson());
    }

    [Fact]
    public void Span_from_code_points_fills_the_covered_text()
    {
        var tag = new TagMatch("label", "text", "text");

        var span = Region.SpanFromCodePoints(tag, Text, 2, 6, ["EMOJI"], id: "s3");

        JsonAssert.Equal(
            JsonNodeParse("""{"id": "s3", "from_name": "label", "to_name": "text", "type": "labels", "value": {"start": 2, "end": 6, "text": "❤️ 🍕", "labels": ["EMOJI"]}}"""),
            span.ToJson());
    }

    [Fact]
    public void Span_splitting_a_surrogate_pair_is_rejected()
    {
        var tag = new TagMatch("label", "text", "text");

        Assert.Throws<ArgumentException>(() => Region.Span(tag, Text, 6, 1, ["X"]));
    }

    private static JsonNode JsonNodeParse(string json) => JsonNode.Parse(json)!;
}
