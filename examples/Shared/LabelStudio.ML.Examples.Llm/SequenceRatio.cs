namespace LabelStudio.ML.Examples.Llm;

/// <summary>
/// Python's <c>difflib.SequenceMatcher(None, a, b).ratio()</c> over characters: 2·M / (|a| + |b|), M being the
/// characters of the matching blocks found by longest-common-substring recursion (Ratcliff/Obershelp), with difflib's
/// "autojunk" rule (in a second text of 200+ characters, characters filling more than 1 % are not used to
/// start a match). The original examples match model answers onto labels with it.
/// </summary>
public static class SequenceRatio
{
    /// <summary>The similarity of <paramref name="a"/> and <paramref name="b"/>, from 0 to 1 (1 for two empty texts).</summary>
    public static double Of(string a, string b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var total = a.Length + b.Length;
        return total == 0 ? 1.0 : 2.0 * Matches(a, b) / total;
    }

    private static int Matches(string a, string b)
    {
        var positions = Positions(b);
        var matched = 0;
        var pending = new Stack<(int ALo, int AHi, int BLo, int BHi)>();
        pending.Push((0, a.Length, 0, b.Length));
        while (pending.Count > 0)
        {
            var (alo, ahi, blo, bhi) = pending.Pop();
            var (i, j, size) = LongestMatch(a, b, positions, alo, ahi, blo, bhi);
            if (size == 0)
            {
                continue;
            }

            matched += size;
            if (alo < i && blo < j)
            {
                pending.Push((alo, i, blo, j));
            }

            if (i + size < ahi && j + size < bhi)
            {
                pending.Push((i + size, ahi, j + size, bhi));
            }
        }

        return matched;
    }

    /// <summary>Where each character of <paramref name="b"/> occurs (difflib's b2j), popular characters left out.</summary>
    private static Dictionary<char, List<int>> Positions(string b)
    {
        var positions = new Dictionary<char, List<int>>();
        for (var j = 0; j < b.Length; j++)
        {
            if (!positions.TryGetValue(b[j], out var list))
            {
                positions[b[j]] = list = [];
            }

            list.Add(j);
        }

        if (b.Length >= 200)
        {
            var popular = b.Length / 100 + 1;
            foreach (var character in positions.Where(pair => pair.Value.Count > popular).Select(pair => pair.Key).ToList())
            {
                positions.Remove(character);
            }
        }

        return positions;
    }

    private static (int I, int J, int Size) LongestMatch(string a, string b, Dictionary<char, List<int>> positions, int alo, int ahi, int blo, int bhi)
    {
        var (besti, bestj, bestSize) = (alo, blo, 0);
        var lengths = new Dictionary<int, int>();
        for (var i = alo; i < ahi; i++)
        {
            var next = new Dictionary<int, int>();
            if (positions.TryGetValue(a[i], out var occurrences))
            {
                foreach (var j in occurrences)
                {
                    if (j < blo)
                    {
                        continue;
                    }

                    if (j >= bhi)
                    {
                        break;
                    }

                    var k = next[j] = lengths.GetValueOrDefault(j - 1) + 1;
                    if (k > bestSize)
                    {
                        (besti, bestj, bestSize) = (i - k + 1, j - k + 1, k);
                    }
                }
            }

            lengths = next;
        }

        // Popular characters never start a match, but a match may grow over them (no character is junk here).
        while (besti > alo && bestj > blo && a[besti - 1] == b[bestj - 1])
        {
            (besti, bestj, bestSize) = (besti - 1, bestj - 1, bestSize + 1);
        }

        while (besti + bestSize < ahi && bestj + bestSize < bhi && a[besti + bestSize] == b[bestj + bestSize])
        {
            bestSize++;
        }

        return (besti, bestj, bestSize);
    }
}
