namespace Gliner;

/// <summary>
/// GLiNER's flat-NER decoding (<c>greedy_search</c> with <c>flat_ner=True</c>, <c>multi_label=False</c>): spans above the
/// threshold are taken best score first, each only if it shares no word with a span already taken; the result is in
/// text order.
/// </summary>
public static class FlatSpanDecoder
{
    /// <summary>The spans of <paramref name="candidates"/> that the decoding keeps at <paramref name="threshold"/> (score strictly above it).</summary>
    public static List<SpanCandidate> Decode(IEnumerable<SpanCandidate> candidates, double threshold)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        var kept = new List<SpanCandidate>();
        // Ties go to the earlier, then shorter span, so the result does not depend on the candidates' order.
        foreach (var candidate in candidates.Where(c => c.Score > threshold)
            .OrderByDescending(c => c.Score).ThenBy(c => c.FirstWord).ThenBy(c => c.LastWord).ThenBy(c => c.Label))
        {
            if (!kept.Exists(other => candidate.FirstWord <= other.LastWord && other.FirstWord <= candidate.LastWord))
            {
                kept.Add(candidate);
            }
        }

        kept.Sort((a, b) => a.FirstWord.CompareTo(b.FirstWord));
        return kept;
    }
}
