using System.Text.Json.Nodes;
using System.Web;

namespace LlmExamples.Testing;

/// <summary>A request a fake provider received, as it came over the wire.</summary>
public sealed record RecordedRequest(string Method, string Path, string Query, IReadOnlyDictionary<string, string> Headers, string Body)
{
    /// <summary>The body as JSON.</summary>
    public JsonObject Json => JsonNode.Parse(Body)!.AsObject();

    /// <summary>A query parameter's value (decoded), or null.</summary>
    public string? QueryValue(string name) => HttpUtility.ParseQueryString(Query)[name];

    /// <summary>A header's value, or null.</summary>
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}
