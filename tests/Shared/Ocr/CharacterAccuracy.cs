namespace OcrExamples.Testing;

/// <summary>OCR character accuracy: 1 − (edit distance ÷ length of the expected text), at least 0.</summary>
public static class CharacterAccuracy
{
    /// <summary>The accuracy of <paramref name="actual"/> against <paramref name="expected"/>, both with runs of white space made one space.</summary>
    public static double Of(string expected, string actual)
    {
        var want = Normalise(expected);
        var got = Normalise(actual);
        return want.Length == 0 ? (got.Length == 0 ? 1 : 0) : Math.Max(0, 1 - ((double)EditDistance(want, got) / want.Length));
    }

    /// <summary>Levenshtein distance: insertions, deletions and substitutions of one character each cost 1.</summary>
    public static int EditDistance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        var current = new int[b.Length + 1];
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j] + 1, current[j - 1] + 1));
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }

    private static string Normalise(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
