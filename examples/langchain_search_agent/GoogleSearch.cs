using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using LabelStudio.ML.Examples.Llm;

namespace LangchainSearchAgent;

/// <summary>
/// Google's Custom Search JSON API: <c>GET …/customsearch/v1?key=…&amp;cx=…&amp;q=…&amp;num=…</c>, reading
/// <c>items[].title/link/snippet</c>. The key travels in the query, so requests are never logged with it.
/// </summary>
public sealed class GoogleSearch(ProviderHttp http, AgentSettings settings) : IDisposable
{
    private readonly HttpClient _client = http.CreateClient();

    /// <summary>Whether both the key and the engine id are set.</summary>
    public bool IsConfigured => settings.GoogleApiKey is not null && settings.GoogleCseId is not null;

    /// <summary>Up to <paramref name="count"/> results for <paramref name="query"/>.</summary>
    /// <exception cref="ProviderException">Google answered an error, or something that is not a search result.</exception>
    public async Task<IReadOnlyList<SearchHit>> SearchAsync(string query, int count, CancellationToken cancellationToken)
    {
        var address = new Uri(string.Create(
            CultureInfo.InvariantCulture,
            $"{settings.GoogleSearchUrl.GetLeftPart(UriPartial.Path)}?key={Uri.EscapeDataString(settings.GoogleApiKey!)}&cx={Uri.EscapeDataString(settings.GoogleCseId!)}&q={Uri.EscapeDataString(query)}&num={count}"));
        using var response = await _client.GetAsync(address, cancellationToken);
        var body = await response.ReadSuccessAsync(null, cancellationToken);

        try
        {
            var items = JsonNode.Parse(body)?["items"] as JsonArray ?? [];
            return [.. items.OfType<JsonObject>().Select(item => new SearchHit(
                Text(item["title"]), Text(item["link"]), Text(item["snippet"]).ReplaceLineEndings(" ")))];
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            throw new ProviderException($"the search answer is not JSON ({ex.Message.Split(" Path:")[0]})", ex);
        }
    }

    /// <inheritdoc />
    public void Dispose() => _client.Dispose();

    private static string Text(JsonNode? node) => node?.GetValueKind() == JsonValueKind.String ? node.GetValue<string>() : "";
}
