using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using LabelStudio.ML.Examples.Llm;

namespace WatsonX;

/// <summary>
/// Presto's REST statement protocol, as watsonx.data's Presto engine speaks it: <c>POST /v1/statement</c> with the
/// SQL as body, <c>X-Presto-User</c>/<c>-Catalog</c>/<c>-Schema</c> headers and basic auth, then <c>GET nextUri</c>
/// until the answer has none; an <c>error</c> in any answer fails the statement.
/// </summary>
public sealed class PrestoClient(ProviderHttp http) : IDisposable
{
    private const int MaxPages = 10_000;
    private readonly HttpClient _client = http.CreateClient();

    /// <summary>Runs <paramref name="sql"/> to its end.</summary>
    /// <exception cref="ProviderException">Presto answered an error status or a failed query.</exception>
    public async Task ExecuteAsync(PrestoSettings settings, string sql, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(settings.Server, "v1/statement")) { Content = new StringContent(sql, Encoding.UTF8, "text/plain") };
        Authorize(request, settings);
        request.Headers.Add("X-Presto-Catalog", settings.Catalog);
        request.Headers.Add("X-Presto-Schema", settings.Schema);
        var next = await SendAsync(request, cancellationToken);
        for (var page = 0; next is not null && page < MaxPages; page++)
        {
            using var poll = new HttpRequestMessage(HttpMethod.Get, next);
            Authorize(poll, settings);
            next = await SendAsync(poll, cancellationToken);
        }
    }

    /// <inheritdoc />
    public void Dispose() => _client.Dispose();

    private static void Authorize(HttpRequestMessage request, PrestoSettings settings)
    {
        request.Headers.Add("X-Presto-User", settings.User);
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{settings.User}:{settings.Password}")));
    }

    /// <summary>Sends one request of the protocol and returns the next address to ask, if any.</summary>
    private async Task<Uri?> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var response = await _client.SendAsync(request, cancellationToken);
        var body = await response.ReadSuccessAsync(null, cancellationToken);

        try
        {
            var json = JsonNode.Parse(body)!.AsObject();
            if (json["error"] is JsonObject error)
            {
                throw new ProviderException($"the query failed: {error["message"]?.GetValue<string>() ?? error.ToJsonString()}");
            }

            return json["nextUri"]?.GetValueKind() == JsonValueKind.String ? new Uri(json["nextUri"]!.GetValue<string>()) : null;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or UriFormatException)
        {
            throw new ProviderException($"Presto answered something that is not its statement protocol ({ex.Message.Split(" Path:")[0]})", ex);
        }
    }
}
