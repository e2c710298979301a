using Xunit;

namespace LabelStudio.ML.Examples.Text.Tests;

public sealed class WordSplitterTests
{
    [Fact]
    public void Bert_split_keeps_letter_runs_and_isolates_punctuation_and_emoji()
    {
        const string Text = "Hi 😀 Ann-Marie, ok.";

        var words = WordSplitter.SplitBert(Text).Select(word => Text.Substring(word.Start, word.Length));

        Assert.Equal(["Hi", "😀", "Ann", "-", "Marie", ",", "ok", "."], words);
    }

    [Fact]
    public void Gliner_split_keeps_hyphenated_words_together()
    {
        const string Text = "Ann-Marie lives in New York.";

        var words = WordSplitter.SplitGliner(Text).Select(word => Text.Substring(word.Start, word.Length));

        Assert.Equal(["Ann-Marie", "lives", "in", "New", "York", "."], words);
    }

    [Fact]
    public void Splitting_stops_at_the_word_limit()
    {
        Assert.Equal(3, WordSplitter.SplitBert("a b c d e", maxWords: 3).Count);
        Assert.Equal(3, WordSplitter.SplitGliner("a b c d e", maxWords: 3).Count);
    }
}
