namespace LabelStudio.ML;

/// <summary>
/// A <c>Label</c>, <c>Choice</c> or <c>Relation</c> element inside a control tag: one of the answers the
/// control offers.
/// </summary>
public sealed class LabelTag
{
    internal LabelTag(string value, IReadOnlyDictionary<string, string> attributes)
    {
        Value = value;
        Attributes = attributes;
        PredictedValues = SplitPredictedValues(attributes);
    }

    /// <summary>
    /// The label as results carry it: the <c>alias</c> attribute when it is non-empty, else <c>value</c>.
    /// </summary>
    public string Value { get; }

    /// <summary>All attributes of the element as written, in document order (including <c>predicted_values</c>).</summary>
    public IReadOnlyDictionary<string, string> Attributes { get; }

    /// <summary>
    /// The model class names this label stands for, from the comma-separated <c>predicted_values</c>
    /// attribute (items trimmed, empty items dropped); empty when the attribute is absent.
    /// </summary>
    public IReadOnlyList<string> PredictedValues { get; }

    private static string[] SplitPredictedValues(IReadOnlyDictionary<string, string> attributes) =>
        attributes.TryGetValue("predicted_values", out var raw)
            ? raw.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            : [];
}
