using Xunit;

namespace LabelStudio.ML.Examples.Llm.Tests;

/// <summary>Expected values are Python 3's <c>difflib.SequenceMatcher(None, a, b).ratio()</c>.</summary>
public sealed class SequenceRatioTests
{
    private const string Fox = "the quick brown fox jumps over the lazy dog ";
    private const string Cat = "a quick brown cat sleeps under the lazy dog; ";

    [Theory]
    [InlineData("abcd", "bcde", 0.75)]
    [InlineData("positive.", "Positive", 0.8235294117647058)]
    [InlineData("Positive", "Negative", 0.5)]
    [InlineData("neutral", "Neutral", 0.8571428571428571)]
    [InlineData("The answer is negative", "Negative", 0.4666666666666667)]
    [InlineData("", "", 1.0)]
    public void Short_texts_match_difflib(string a, string b, double expected) => Assert.Equal(expected, SequenceRatio.Of(a, b), 12);

    [Fact]
    public void A_second_text_of_200_characters_or_more_ignores_popular_characters_as_difflib_does()
    {
        var a = string.Concat(Enumerable.Repeat(Fox, 6));

        Assert.Equal(0.49624060150375937, SequenceRatio.Of(a, string.Concat(Enumerable.Repeat(Cat, 3))), 12);
        Assert.Equal(0.0, SequenceRatio.Of(a, string.Concat(Enumerable.Repeat(Cat, 5))), 12);
    }

    [Fact]
    public void Each_answer_line_goes_to_its_closest_label_once()
    {
        string[] labels = ["Positive", "Negative", "Neutral"];

        Assert.Equal(["Negative", "Neutral"], LabelMatcher.MatchLines("- negative.\n\n\"neutral\"\nNEGATIVE", labels));
        Assert.Equal("Positive", LabelMatcher.Closest("positive.", labels));
        Assert.Empty(LabelMatcher.MatchLines("  \n", labels));
    }

    [Fact]
    public void Mentioned_labels_are_whole_words_in_label_order()
    {
        string[] labels = ["Correct", "Incorrect", "Unsure"];

        Assert.Equal(["Incorrect"], LabelMatcher.Mentioned("The claim is INCORRECT: the tower is 330 m tall.", labels));
        Assert.Equal(["Correct", "Unsure"], LabelMatcher.Mentioned("Unsure, but probably correct.", labels));
    }
}
