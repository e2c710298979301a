using LabelStudio.ML;

namespace Gliner;

/// <summary>One entity type of the label config as the scorers ask for it.</summary>
/// <param name="Label">The label as results carry it (alias, else value).</param>
/// <param name="Name">
/// What GLiNER's prompt calls it: the label's first <c>predicted_values</c> item when set (<c>predicted_values="person"</c>
/// for a label <c>PER</c>), else its <c>value</c>.
/// </param>
/// <param name="Descriptions">What the MiniLM fallback compares spans with: the value, every <c>predicted_values</c> item and the <c>hint</c>.</param>
public sealed record EntityPrompt(string Label, string Name, IReadOnlyList<string> Descriptions)
{
    /// <summary>The prompts of every label of <paramref name="control"/>, in document order.</summary>
    public static IReadOnlyList<EntityPrompt> Of(ControlTag control)
    {
        ArgumentNullException.ThrowIfNull(control);
        return [.. control.LabelTags.Select(pair =>
        {
            var value = pair.Value.Attributes.GetValueOrDefault("value") ?? pair.Key;
            var descriptions = new List<string> { value };
            descriptions.AddRange(pair.Value.PredictedValues);
            if (pair.Value.Attributes.GetValueOrDefault("hint") is { Length: > 0 } hint)
            {
                descriptions.Add(hint);
            }

            return new EntityPrompt(pair.Key, pair.Value.PredictedValues.Count > 0 ? pair.Value.PredictedValues[0] : value, descriptions.Distinct(StringComparer.Ordinal).ToList());
        })];
    }
}
