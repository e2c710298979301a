using System.Text.Json;
using System.Text.Json.Nodes;

namespace LabelStudio.ML.Examples.Llm;

/// <summary>Reads the prompt a user typed into a <c>TextArea</c> from an interactive context or an annotation.</summary>
public static class PromptResults
{
    /// <summary>
    /// The texts of the first result of <paramref name="fromName"/> among <paramref name="results"/> (its
    /// <c>value.text</c> list; a single string counts as one); empty when there is none.
    /// </summary>
    public static IReadOnlyList<string> Texts(IEnumerable<JsonNode?>? results, string fromName)
    {
        foreach (var region in (results ?? []).OfType<JsonObject>())
        {
            if (region["from_name"]?.GetValueKind() != JsonValueKind.String || region["from_name"]!.GetValue<string>() != fromName)
            {
                continue;
            }

            return region["value"]?["text"] switch
            {
                JsonArray texts => [.. texts.Where(text => text?.GetValueKind() == JsonValueKind.String).Select(text => text!.GetValue<string>())],
                JsonValue text when text.GetValueKind() == JsonValueKind.String => [text.GetValue<string>()],
                _ => [],
            };
        }

        return [];
    }
}
