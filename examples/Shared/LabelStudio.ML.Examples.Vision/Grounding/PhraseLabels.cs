namespace LabelStudio.ML.Examples.Vision;

/// <summary>Which label of a labeling control a detected prompt phrase means.</summary>
public static class PhraseLabels
{
    /// <summary>
    /// The label of <paramref name="control"/> that <paramref name="phrase"/> names: equal ignoring case and a plural
    /// "s", or a label that is one of the phrase's words ("a red car" → "car"); none when nothing matches, so that no
    /// label outside the config reaches the editor.
    /// </summary>
    /// <returns>The label as a one-item list, or an empty list.</returns>
    public static IReadOnlyList<string> Match(ControlTag control, string phrase)
    {
        ArgumentNullException.ThrowIfNull(control);
        ArgumentNullException.ThrowIfNull(phrase);
        static string Singular(string word) => word.Length > 3 && word.EndsWith('s') ? word[..^1] : word;
        var wanted = Singular(phrase.Trim().ToLowerInvariant());
        var words = phrase.ToLowerInvariant().Split([' ', ',', '.', '-'], StringSplitOptions.RemoveEmptyEntries).Select(Singular).ToHashSet();
        var label = control.Labels.FirstOrDefault(l => Singular(l.ToLowerInvariant()) == wanted)
            ?? control.Labels.FirstOrDefault(l => words.Contains(Singular(l.ToLowerInvariant())));
        return label is null ? [] : [label];
    }
}
