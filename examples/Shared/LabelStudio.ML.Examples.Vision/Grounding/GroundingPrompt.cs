using System.Globalization;
using System.Text.Json.Nodes;

namespace LabelStudio.ML.Examples.Vision;

/// <summary>
/// The text prompt of a grounding request: the first <c>textarea</c> result of the interactive context (the prompt
/// box with its submit button), and thresholds from <c>number</c> results whose control names start with
/// <c>box_threshold</c> or <c>text_threshold</c>, as the original reads them.
/// </summary>
public sealed record GroundingPrompt(string Text, string? FromName, string? ToName, double? BoxThreshold, double? TextThreshold)
{
    /// <summary>The prompt in <paramref name="results"/> (a context's or an annotation's results), or <see langword="null"/> when there is no non-blank one.</summary>
    /// <returns>The prompt.</returns>
    public static GroundingPrompt? From(IEnumerable<JsonObject> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        GroundingPrompt? prompt = null;
        double? box = null, text = null;
        foreach (var region in results)
        {
            var type = JsonValues.String(region["type"]);
            var fromName = JsonValues.String(region["from_name"]) ?? "";
            if (type == "textarea" && prompt is null && region["value"]?["text"] is JsonArray { Count: > 0 } texts
                && JsonValues.String(texts[0]) is { } words && !string.IsNullOrWhiteSpace(words))
            {
                prompt = new GroundingPrompt(words.Trim(), fromName, JsonValues.String(region["to_name"]), null, null);
            }
            else if (type == "number" && JsonValues.Number(region["value"]?["number"]) is { } value)
            {
                if (fromName.StartsWith("box_threshold", StringComparison.OrdinalIgnoreCase))
                {
                    box = value;
                }
                else if (fromName.StartsWith("text_threshold", StringComparison.OrdinalIgnoreCase))
                {
                    text = value;
                }
            }
        }

        return prompt is null ? null : prompt with { BoxThreshold = box, TextThreshold = text };
    }

    /// <summary>The thresholds the prompt carries, else <paramref name="fallback"/>'s.</summary>
    /// <returns>The thresholds.</returns>
    public GroundingThresholds Thresholds(GroundingThresholds fallback)
    {
        ArgumentNullException.ThrowIfNull(fallback);
        return new GroundingThresholds(BoxThreshold ?? fallback.Box, TextThreshold ?? fallback.Text);
    }

    /// <summary>The prompt as one line for the per-project store.</summary>
    /// <returns>JSON text.</returns>
    public string ToJson() => new JsonObject
    {
        ["text"] = Text, ["from_name"] = FromName, ["to_name"] = ToName, ["box_threshold"] = BoxThreshold, ["text_threshold"] = TextThreshold,
    }.ToJsonString();

    /// <summary>Reads what <see cref="ToJson"/> wrote.</summary>
    /// <returns>The prompt, or <see langword="null"/> for nothing or damaged text.</returns>
    public static GroundingPrompt? FromJson(string? json)
    {
        if (json is null || JsonNode.Parse(json) is not JsonObject stored || JsonValues.String(stored["text"]) is not { } text)
        {
            return null;
        }

        return new GroundingPrompt(text, JsonValues.String(stored["from_name"]), JsonValues.String(stored["to_name"]), JsonValues.Number(stored["box_threshold"]), JsonValues.Number(stored["text_threshold"]));
    }

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"\"{Text}\" (box {BoxThreshold}, text {TextThreshold})");
}
