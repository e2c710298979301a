namespace Gliner;

/// <summary>
/// Picks the threshold at which the flat decoding of the rated spans matches the annotators' spans best: the
/// micro-averaged F1 of exact matches (same start, end and label), tried at every point between two neighbouring
/// candidate scores (on a tie the higher threshold wins: fewer spans).
/// </summary>
public static class ThresholdTuner
{
    /// <summary>The threshold with the best F1 over <paramref name="examples"/>, with that F1.</summary>
    /// <param name="examples">Per annotated text, the decoded spans for a threshold (as code-point start, end, label) and the gold spans.</param>
    /// <param name="scores">Every candidate score over all texts.</param>
    public static (double Threshold, double F1) Tune(
        IReadOnlyList<(Func<double, IEnumerable<(int Start, int End, string Label)>> Decode, IReadOnlySet<(int Start, int End, string Label)> Gold)> examples,
        IEnumerable<double> scores)
    {
        ArgumentNullException.ThrowIfNull(examples);
        ArgumentNullException.ThrowIfNull(scores);
        var distinct = scores.Distinct().Order().ToList();
        var thresholds = new List<double> { 0 };
        // Below every score, and midway between neighbours; at most ~200 points so that tuning stays cheap on large projects.
        var step = Math.Max(1, distinct.Count / 200);
        for (var i = 0; i + 1 < distinct.Count; i += step)
        {
            thresholds.Add((distinct[i] + distinct[i + 1]) / 2);
        }

        var best = (Threshold: thresholds[0], F1: -1.0);
        foreach (var threshold in thresholds)
        {
            var f1 = F1(examples, threshold);
            if (f1 >= best.F1)
            {
                best = (threshold, f1);
            }
        }

        return best;
    }

    /// <summary>Micro F1 of exact span matches at <paramref name="threshold"/>.</summary>
    public static double F1(
        IReadOnlyList<(Func<double, IEnumerable<(int Start, int End, string Label)>> Decode, IReadOnlySet<(int Start, int End, string Label)> Gold)> examples,
        double threshold)
    {
        ArgumentNullException.ThrowIfNull(examples);
        int truePositives = 0, predicted = 0, gold = 0;
        foreach (var (decode, expected) in examples)
        {
            gold += expected.Count;
            foreach (var span in decode(threshold))
            {
                predicted++;
                truePositives += expected.Contains(span) ? 1 : 0;
            }
        }

        return truePositives == 0 ? 0 : 2.0 * truePositives / (predicted + gold);
    }
}
