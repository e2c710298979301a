using System.Text.Json.Nodes;

namespace LlmExamples.Testing;

/// <summary>OpenAI chat-completion answers (<c>object: chat.completion</c>) as the API documents them.</summary>
public static class ChatAnswers
{
    /// <summary>One choice per content, each an assistant message, finish_reason <c>stop</c>.</summary>
    public static ScriptedAnswer Text(params string[] contents) => ScriptedAnswer.Json(Completion(
        contents.Select((content, index) => Choice(index, new JsonObject { ["role"] = "assistant", ["content"] = content, ["refusal"] = null }, "stop"))));

    /// <summary>An assistant message asking for one tool call, finish_reason <c>tool_calls</c>.</summary>
    public static ScriptedAnswer ToolCall(string id, string function, JsonObject arguments) => ScriptedAnswer.Json(Completion(
    [
        Choice(0, new JsonObject
        {
            ["role"] = "assistant",
            ["content"] = null,
            ["tool_calls"] = new JsonArray(new JsonObject
            {
                ["id"] = id,
                ["type"] = "function",
                ["function"] = new JsonObject { ["name"] = function, ["arguments"] = arguments.ToJsonString() },
            }),
        }, "tool_calls"),
    ]));

    private static JsonObject Choice(int index, JsonObject message, string finishReason) => new()
    {
        ["index"] = index,
        ["message"] = message,
        ["logprobs"] = null,
        ["finish_reason"] = finishReason,
    };

    private static JsonObject Completion(IEnumerable<JsonObject> choices) => new()
    {
        ["id"] = "chatcmpl-test",
        ["object"] = "chat.completion",
        ["created"] = 1_700_000_000,
        ["model"] = "fake-model",
        ["choices"] = new JsonArray([.. choices]),
        ["usage"] = new JsonObject { ["prompt_tokens"] = 10, ["completion_tokens"] = 5, ["total_tokens"] = 15 },
    };

    /// <summary>
    /// The same completion as server-sent events, as the API streams it: a role chunk, content in pieces, a final
    /// chunk with the finish reason, then <c>data: [DONE]</c>.
    /// </summary>
    internal static string ToEventStream(JsonObject completion)
    {
        var events = new List<string>();
        foreach (var choice in completion["choices"]!.AsArray().OfType<JsonObject>())
        {
            var index = choice["index"]!.GetValue<int>();
            var message = choice["message"]!.AsObject();
            events.Add(Chunk(completion, index, new JsonObject { ["role"] = "assistant", ["content"] = "" }, null));
            var content = message["content"]?.GetValue<string>() ?? "";
            // Pieces of up to 4 characters: enough to prove the client joins them.
            for (var start = 0; start < content.Length; start += 4)
            {
                events.Add(Chunk(completion, index, new JsonObject { ["content"] = content.Substring(start, Math.Min(4, content.Length - start)) }, null));
            }

            if (message["tool_calls"] is JsonArray calls)
            {
                var deltas = new JsonArray();
                var position = 0;
                foreach (var call in calls.OfType<JsonObject>())
                {
                    var delta = (JsonObject)call.DeepClone();
                    delta["index"] = position++;
                    deltas.Add(delta);
                }

                events.Add(Chunk(completion, index, new JsonObject { ["tool_calls"] = deltas }, null));
            }

            events.Add(Chunk(completion, index, new JsonObject(), choice["finish_reason"]!.GetValue<string>()));
        }

        return string.Concat(events.Select(data => $"data: {data}\n\n")) + "data: [DONE]\n\n";
    }

    private static string Chunk(JsonObject completion, int index, JsonObject delta, string? finishReason) => new JsonObject
    {
        ["id"] = completion["id"]!.DeepClone(),
        ["object"] = "chat.completion.chunk",
        ["created"] = completion["created"]!.DeepClone(),
        ["model"] = completion["model"]!.DeepClone(),
        ["choices"] = new JsonArray(new JsonObject { ["index"] = index, ["delta"] = delta, ["logprobs"] = null, ["finish_reason"] = finishReason }),
    }.ToJsonString();
}
