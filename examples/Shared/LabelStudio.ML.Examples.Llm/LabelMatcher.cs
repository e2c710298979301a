namespace LabelStudio.ML.Examples.Llm;

/// <summary>Maps free model text onto the labels a <c>Choices</c> control offers.</summary>
public static class LabelMatcher
{
    /// <summary>
    /// The label most similar to <paramref name="text"/> by <see cref="SequenceRatio"/> (the first one on a tie), as
    /// the original compares each answer line with every label; <see langword="null"/> when there are no labels.
    /// </summary>
    public static string? Closest(string text, IReadOnlyList<string> labels)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(labels);
        string? best = null;
        var bestRatio = double.NegativeInfinity;
        foreach (var label in labels)
        {
            var ratio = SequenceRatio.Of(text, label);
            if (ratio > bestRatio)
            {
                (best, bestRatio) = (label, ratio);
            }
        }

        return best;
    }

    /// <summary>
    /// One label per non-empty line of <paramref name="answer"/> (the closest), each label once, in answer order.
    /// Lines are trimmed of spaces, quotes, list bullets and a final period first.
    /// </summary>
    public static IReadOnlyList<string> MatchLines(string answer, IReadOnlyList<string> labels)
    {
        ArgumentNullException.ThrowIfNull(answer);
        var matched = new List<string>();
        foreach (var line in answer.Split('\n').Select(Clean).Where(line => line.Length > 0))
        {
            if (Closest(line, labels) is { } label && !matched.Contains(label, StringComparer.Ordinal))
            {
                matched.Add(label);
            }
        }

        return matched;
    }

    /// <summary>The labels that <paramref name="answer"/> names as whole words (ignoring case), in label order.</summary>
    public static IReadOnlyList<string> Mentioned(string answer, IReadOnlyList<string> labels)
    {
        ArgumentNullException.ThrowIfNull(answer);
        ArgumentNullException.ThrowIfNull(labels);
        return [.. labels.Where(label => label.Length > 0 && System.Text.RegularExpressions.Regex.IsMatch(
            answer,
            $@"(?<![\p{{L}}\p{{N}}]){System.Text.RegularExpressions.Regex.Escape(label)}(?![\p{{L}}\p{{N}}])",
            System.Text.RegularExpressions.RegexOptions.IgnoreCase | System.Text.RegularExpressions.RegexOptions.CultureInvariant))];
    }

    private static string Clean(string line) => line.Trim().TrimStart('-', '*', '•', ' ').Trim().Trim('"', '\'', '`').TrimEnd('.').Trim();
}
