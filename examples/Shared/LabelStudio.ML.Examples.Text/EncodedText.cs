namespace LabelStudio.ML.Examples.Text;

/// <summary>
/// A text as a transformer reads it: token ids with <c>[CLS]</c> first and <c>[SEP]</c> last, and for every token the
/// word of the text it came from (-1 for the special tokens).
/// </summary>
public sealed class EncodedText
{
    internal EncodedText(string text, long[] ids, int[] tokenWords, IReadOnlyList<TextWord> words, bool truncated)
    {
        Text = text;
        Ids = ids;
        TokenWords = tokenWords;
        Words = words;
        Truncated = truncated;
    }

    /// <summary>The text that was encoded.</summary>
    public string Text { get; }

    /// <summary>The token ids, special tokens included.</summary>
    public long[] Ids { get; }

    /// <summary>For token <c>i</c>, the index into <see cref="Words"/> it belongs to, or -1 for a special token.</summary>
    public int[] TokenWords { get; }

    /// <summary>The words the tokens cover, in order; words past the token limit are not here.</summary>
    public IReadOnlyList<TextWord> Words { get; }

    /// <summary>Whether the text went on past the model's token limit (the rest was not read).</summary>
    public bool Truncated { get; }
}
