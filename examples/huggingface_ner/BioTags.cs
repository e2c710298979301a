using LabelStudio.ML;
using LabelStudio.ML.Examples.Text;

namespace HuggingFaceNer;

/// <summary>Between labelled spans and one BIO tag per word (<c>B-PER</c>, <c>I-PER</c>, <c>O</c>).</summary>
public static class BioTags
{
    /// <summary>The tag "outside any entity".</summary>
    public const string Outside = "O";

    /// <summary>Tags <paramref name="words"/> of <paramref name="text"/> from <paramref name="spans"/> (code points): a word inside a span takes its type.</summary>
    public static string[] FromSpans(string text, IReadOnlyList<TextWord> words, IReadOnlyList<EntitySpan> spans)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(words);
        ArgumentNullException.ThrowIfNull(spans);
        var tags = Enumerable.Repeat(Outside, words.Count).ToArray();
        foreach (var span in spans)
        {
            var length = TextOffsets.CodePointLength(text);
            var start = TextOffsets.ToUtf16Index(text, Math.Clamp(span.Start, 0, length));
            var end = TextOffsets.ToUtf16Index(text, Math.Clamp(span.End, 0, length));
            var first = true;
            for (var i = 0; i < words.Count; i++)
            {
                if (words[i].Start < end && words[i].End > start)
                {
                    tags[i] = (first ? "B-" : "I-") + span.Label;
                    first = false;
                }
            }
        }

        return tags;
    }

    /// <summary>
    /// Groups tagged words into entities as the original example's pipeline does: consecutive words of the same type
    /// form one entity whatever their B-/I- prefix (so two adjacent entities of one type merge), <c>O</c> ends it.
    /// A frozen encoder tells types apart far better than entity starts, so this rule is also the more accurate one.
    /// The score is the mean of the words' tag probabilities.
    /// </summary>
    public static List<(int FirstWord, int LastWord, string Type, double Score)> Group(IReadOnlyList<string> tags, IReadOnlyList<double> probabilities)
    {
        ArgumentNullException.ThrowIfNull(tags);
        ArgumentNullException.ThrowIfNull(probabilities);
        var entities = new List<(int, int, string, double)>();
        int? start = null;
        string? type = null;
        for (var i = 0; i <= tags.Count; i++)
        {
            var tag = i < tags.Count ? tags[i] : Outside;
            var kind = tag.Length > 2 && tag[1] == '-' ? tag[2..] : null;
            var continues = kind is not null && kind == type && start is not null;
            if (start is { } open && !continues)
            {
                entities.Add((open, i - 1, type!, Enumerable.Range(open, i - open).Average(w => probabilities[w])));
                start = null;
                type = null;
            }

            if (kind is not null && !continues)
            {
                start = i;
                type = kind;
            }
        }

        return entities;
    }
}
