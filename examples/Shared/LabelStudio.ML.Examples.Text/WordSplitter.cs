using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace LabelStudio.ML.Examples.Text;

/// <summary>Splits text into words with their positions, so that model output can be mapped back to the text.</summary>
public static partial class WordSplitter
{
    /// <summary>
    /// BERT's basic split: runs of letters, digits and marks are words; every other non-space character (punctuation,
    /// symbols, emoji) is a word of its own. Stops after <paramref name="maxWords"/> words, so a huge text costs only
    /// what the model can read of it.
    /// </summary>
    public static List<TextWord> SplitBert(string text, int maxWords = int.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(text);
        var words = new List<TextWord>();
        var position = 0;
        var wordStart = -1;
        while (position < text.Length && words.Count < maxWords)
        {
            Rune.DecodeFromUtf16(text.AsSpan(position), out var rune, out var consumed);
            if (Rune.IsWhiteSpace(rune) || Rune.IsControl(rune))
            {
                Close(words, ref wordStart, position);
            }
            else if (IsWordRune(rune))
            {
                if (wordStart < 0)
                {
                    wordStart = position;
                }
            }
            else
            {
                Close(words, ref wordStart, position);
                if (words.Count < maxWords)
                {
                    words.Add(new TextWord(position, consumed));
                }
            }

            position += consumed;
        }

        if (words.Count < maxWords)
        {
            Close(words, ref wordStart, position);
        }

        return words;
    }

    /// <summary>GLiNER's split, the regular expression <c>\w+(?:[-_]\w+)*|\S</c>, up to <paramref name="maxWords"/> words.</summary>
    public static List<TextWord> SplitGliner(string text, int maxWords = int.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(text);
        var words = new List<TextWord>();
        for (var match = GlinerWord().Match(text); match.Success && words.Count < maxWords; match = match.NextMatch())
        {
            words.Add(new TextWord(match.Index, match.Length));
        }

        return words;
    }

    private static bool IsWordRune(Rune rune) => Rune.GetUnicodeCategory(rune) switch
    {
        UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
            or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter or UnicodeCategory.DecimalDigitNumber
            or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber or UnicodeCategory.NonSpacingMark
            or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark => true,
        _ => false,
    };

    private static void Close(List<TextWord> words, ref int wordStart, int position)
    {
        if (wordStart >= 0)
        {
            words.Add(new TextWord(wordStart, position - wordStart));
            wordStart = -1;
        }
    }

    [GeneratedRegex(@"\w+(?:[-_]\w+)*|\S", RegexOptions.CultureInvariant)]
    private static partial Regex GlinerWord();
}
