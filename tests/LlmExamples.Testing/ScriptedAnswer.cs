using System.Text.Json.Nodes;

namespace LlmExamples.Testing;

/// <summary>An answer a fake provider gives: status, body, headers, and how long it waits first.</summary>
public sealed record ScriptedAnswer(int Status, string Body, IReadOnlyDictionary<string, string>? Headers = null, TimeSpan Delay = default)
{
    public static ScriptedAnswer Json(JsonNode body, int status = 200) => new(status, body.ToJsonString());

    /// <summary>An OpenAI-style error body with <paramref name="status"/>, optionally with <c>Retry-After</c>.</summary>
    public static ScriptedAnswer Error(int status, string message, string? retryAfter = null) => new(
        status,
        new JsonObject { ["error"] = new JsonObject { ["message"] = message, ["type"] = "error", ["code"] = null } }.ToJsonString(),
        retryAfter is null ? null : new Dictionary<string, string> { ["Retry-After"] = retryAfter });

    /// <summary>This answer, after <paramref name="delay"/>.</summary>
    public ScriptedAnswer After(TimeSpan delay) => this with { Delay = delay };
}
