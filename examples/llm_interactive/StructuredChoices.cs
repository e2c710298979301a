using System.Text.Json;
using System.Text.Json.Nodes;
using LabelStudio.ML.Examples.Llm;
using Microsoft.Extensions.AI;

namespace LlmInteractive;

/// <summary>
/// Structured output: the request carries <c>response_format: {type: json_schema}</c> with the config's labels as an
/// enum, and the reply is read as <c>{"choices": [...], "answer": "..."}</c>.
/// </summary>
internal static class StructuredChoices
{
    public static ChatResponseFormat Format(IReadOnlyList<string> labels)
    {
        var schema = new JsonObject
        {
            ["type"] = "object",
            ["properties"] = new JsonObject
            {
                ["choices"] = new JsonObject
                {
                    ["type"] = "array",
                    ["items"] = new JsonObject { ["type"] = "string", ["enum"] = new JsonArray([.. labels.Select(label => (JsonNode)label)]) },
                },
                ["answer"] = new JsonObject { ["type"] = "string" },
            },
            ["required"] = new JsonArray("choices", "answer"),
            ["additionalProperties"] = false,
        };
        return ChatResponseFormat.ForJsonSchema(JsonDocument.Parse(schema.ToJsonString()).RootElement, "labeling_answer", "The chosen labels and a short free-text answer.");
    }

    /// <summary>The labels and the answer of a structured reply; the labels go through the fuzzy match too, in case a provider ignores the enum.</summary>
    /// <exception cref="ProviderException">The reply is not the JSON the schema asks for.</exception>
    public static (IReadOnlyList<string> Choices, string Answer) Read(string reply, IReadOnlyList<string> labels)
    {
        JsonObject json;
        try
        {
            json = JsonNode.Parse(reply) as JsonObject ?? throw new JsonException("not a JSON object");
        }
        catch (JsonException ex)
        {
            throw new ProviderException($"the model's answer is not the JSON object the schema asks for ({ex.Message.Split(" Path:")[0]}): {Shorten(reply)}");
        }

        if (json["choices"] is not JsonArray choices || choices.Any(choice => choice?.GetValueKind() != JsonValueKind.String))
        {
            throw new ProviderException($"the model's JSON answer has no 'choices' list of strings: {Shorten(reply)}");
        }

        var matched = choices
            .Select(choice => LabelMatcher.Closest(choice!.GetValue<string>(), labels))
            .OfType<string>()
            .Distinct(StringComparer.Ordinal)
            .ToList();
        var answer = json["answer"]?.GetValueKind() == JsonValueKind.String ? json["answer"]!.GetValue<string>() : string.Join("\n", matched);
        return (matched, answer);
    }

    private static string Shorten(string text) => text.Length <= 200 ? text : text[..200] + "…";
}
