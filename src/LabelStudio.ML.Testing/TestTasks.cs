using System.Text.Json.Nodes;

namespace LabelStudio.ML.Testing;

/// <summary>Builds tasks and annotation results shaped as Label Studio sends them.</summary>
public static class TestTasks
{
    /// <summary>
    /// One task per value, with ids 1, 2, … and <c>data</c> holding the value under <paramref name="dataKey"/>
    /// (the key a label config names as <c>value="$text"</c>).
    /// </summary>
    public static IReadOnlyList<JsonObject> Create(string dataKey, params string[] values)
    {
        ArgumentException.ThrowIfNullOrEmpty(dataKey);
        ArgumentNullException.ThrowIfNull(values);
        return [.. values.Select((value, index) => Create(index + 1, new JsonObject { [dataKey] = value }))];
    }

    /// <summary>A task with <paramref name="id"/> and <paramref name="data"/>, and the empty lists Label Studio adds.</summary>
    public static JsonObject Create(long id, JsonObject data) => new()
    {
        ["id"] = id,
        ["data"] = data,
        ["meta"] = new JsonObject(),
        ["annotations"] = new JsonArray(),
        ["predictions"] = new JsonArray(),
        ["drafts"] = new JsonArray(),
    };

    /// <summary>An annotation result region selecting <paramref name="choices"/> of the <c>Choices</c> control <paramref name="fromName"/>.</summary>
    public static JsonObject Choice(string fromName, string toName, params string[] choices) =>
        Region(fromName, toName, "choices", new JsonObject { ["choices"] = new JsonArray([.. choices.Select(choice => JsonValue.Create(choice))]) });

    /// <summary>An annotation result region of any <paramref name="type"/> (<c>labels</c>, <c>rectanglelabels</c>, …) with its <paramref name="value"/>.</summary>
    public static JsonObject Region(string fromName, string toName, string type, JsonObject value) => new()
    {
        ["id"] = Guid.NewGuid().ToString("N")[..10],
        ["from_name"] = fromName,
        ["to_name"] = toName,
        ["type"] = type,
        ["origin"] = "manual",
        ["value"] = value,
    };
}
