using System.Text.Json.Nodes;

namespace LlmExamples.Testing;

/// <summary>watsonx.ai text-generation answers as the API documents them.</summary>
public static class WatsonxAnswers
{
    /// <summary>A successful generation: <c>results[0].generated_text</c>.</summary>
    public static ScriptedAnswer Generated(string text) => ScriptedAnswer.Json(new JsonObject
    {
        ["model_id"] = "ibm/granite-3-8b-instruct",
        ["created_at"] = "2026-11-26T09:00:00.000Z",
        ["results"] = new JsonArray(new JsonObject
        {
            ["generated_text"] = text,
            ["generated_token_count"] = 2,
            ["input_token_count"] = 20,
            ["stop_reason"] = "eos_token",
        }),
    });

    /// <summary>An error answer: <c>{errors: [{code, message}], trace, status_code}</c>.</summary>
    public static ScriptedAnswer Error(int status, string code, string message) => ScriptedAnswer.Json(new JsonObject
    {
        ["errors"] = new JsonArray(new JsonObject { ["code"] = code, ["message"] = message }),
        ["trace"] = "3c1a0f2b",
        ["status_code"] = status,
    }, status);
}
