using System.Text.Json;
using System.Text.Json.Nodes;

namespace LabelStudio.ML.Tests.Support;

/// <summary>An HTTP answer read whole: status, headers, text and (when it parses) JSON.</summary>
internal sealed class Answer
{
    private readonly HttpResponseMessage _response;

    private Answer(HttpResponseMessage response, string text)
    {
        _response = response;
        Text = text;
        try
        {
            Json = text.Length == 0 ? null : JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            Json = null;
        }
    }

    public int Status => (int)_response.StatusCode;

    public string Text { get; }

    public JsonNode? Json { get; }

    public string? ContentType => _response.Content.Headers.ContentType?.MediaType;

    public static async Task<Answer> ReadAsync(HttpResponseMessage response) =>
        new(response, await response.Content.ReadAsStringAsync());

    public string? Header(string name) =>
        _response.Headers.TryGetValues(name, out var values) || _response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(", ", values)
            : null;
}
