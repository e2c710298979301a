using System.Text.Json.Nodes;

namespace LabelStudio.ML.Testing;

/// <summary>One region (<c>result</c> entry) of a prediction.</summary>
/// <param name="Id">The region id, if any.</param>
/// <param name="FromName">The control that made it (<c>from_name</c>).</param>
/// <param name="ToName">The object it labels (<c>to_name</c>).</param>
/// <param name="Type">The result type: <c>choices</c>, <c>labels</c>, <c>rectanglelabels</c>, …</param>
/// <param name="Score">The region's own score, if any.</param>
/// <param name="Value">The type-specific <c>value</c> object.</param>
public sealed record PredictedRegion(string? Id, string? FromName, string? ToName, string? Type, double? Score, JsonObject Value)
{
    /// <summary>The selected choices (<c>value.choices</c>), empty for other types.</summary>
    public IReadOnlyList<string> Choices => Strings("choices");

    /// <summary>The labels (<c>value.labels</c>, or the type-named list such as <c>value.rectanglelabels</c>).</summary>
    public IReadOnlyList<string> Labels => Value.ContainsKey("labels") ? Strings("labels") : Type is null ? [] : Strings(Type);

    /// <summary>The texts of a <c>textarea</c> result (<c>value.text</c>).</summary>
    public IReadOnlyList<string> Texts => Strings("text");

    /// <summary>Reads one result entry.</summary>
    public static PredictedRegion Read(JsonObject region)
    {
        ArgumentNullException.ThrowIfNull(region);
        return new(
            (string?)region["id"],
            (string?)region["from_name"],
            (string?)region["to_name"],
            (string?)region["type"],
            region["score"] is JsonValue score ? (double)score : null,
            region["value"] as JsonObject ?? []);
    }

    private List<string> Strings(string key) => Value[key] is JsonArray list ? [.. list.Select(item => (string?)item).OfType<string>()] : [];
}
