using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace LabelStudio.ML.Examples.Vision;

/// <summary>Reads strings and numbers out of Label Studio's JSON results, tolerating missing and mistyped members.</summary>
internal static class JsonValues
{
    /// <summary>The string <paramref name="node"/> holds, or <see langword="null"/>.</summary>
    public static string? String(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    /// <summary>
    /// The finite number <paramref name="node"/> holds, or <see langword="null"/>; numbers built in code
    /// (<c>JsonValue&lt;int&gt;</c>) and parsed ones alike.
    /// </summary>
    public static double? Number(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.Number
        && double.TryParse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
        && double.IsFinite(number) ? number : null;
}
