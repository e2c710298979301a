using System.Text.Json;
using System.Text.Json.Nodes;
using LabelStudio.ML.Examples.Llm;

namespace WatsonX;

/// <summary>
/// IBM Cloud IAM access tokens for an API key: <c>POST /identity/token</c> with the form
/// <c>grant_type=urn:ibm:params:oauth:grant-type:apikey&amp;apikey=…</c>. A token is reused until a minute (or a tenth
/// of its life, when shorter) before it expires, then exchanged again; one exchange at a time.
/// </summary>
public sealed class IamTokenSource(ProviderHttp http, TimeProvider clock) : IDisposable
{
    private readonly HttpClient _client = http.CreateClient();
    private readonly SemaphoreSlim _gate = new(1, 1);
    private (string Key, string Token, DateTimeOffset RenewAt)? _current;

    /// <summary>How many tokens were exchanged (for the tests' view of caching).</summary>
    public int Exchanges { get; private set; }

    /// <summary>A valid token for <paramref name="settings"/>' API key.</summary>
    /// <exception cref="ProviderException">IAM refused the key or answered something else than a token.</exception>
    public async Task<string> TokenAsync(WatsonxSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_current is { } current && current.Key == settings.ApiKey && clock.GetUtcNow() < current.RenewAt)
            {
                return current.Token;
            }

            var token = await ExchangeAsync(settings, cancellationToken);
            _current = token;
            Exchanges++;
            return token.Token;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Forgets the cached token (after watsonx.ai rejected it).</summary>
    public void Invalidate() => _current = null;

    /// <inheritdoc />
    public void Dispose()
    {
        _client.Dispose();
        _gate.Dispose();
    }

    private async Task<(string Key, string Token, DateTimeOffset RenewAt)> ExchangeAsync(WatsonxSettings settings, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, settings.IamUrl)
        {
            Content = new FormUrlEncodedContent(
            [
                new("grant_type", "urn:ibm:params:oauth:grant-type:apikey"),
                new("apikey", settings.ApiKey!),
            ]),
        };
        request.Headers.Accept.ParseAdd("application/json");
        using var response = await _client.SendAsync(request, cancellationToken);
        var body = await response.ReadSuccessAsync("IBM Cloud IAM did not exchange the API key", cancellationToken);

        try
        {
            var json = JsonNode.Parse(body)!.AsObject();
            var token = json["access_token"]!.GetValue<string>();
            var now = clock.GetUtcNow();
            // The lifetime counts from this machine's clock, so a skewed clock cannot keep an expired token.
            var expires = json["expires_in"] is JsonValue lifetime && lifetime.GetValueKind() == JsonValueKind.Number
                ? now.AddSeconds(lifetime.GetValue<double>())
                : json["expiration"] is JsonValue expiration && expiration.GetValueKind() == JsonValueKind.Number
                    ? DateTimeOffset.FromUnixTimeSeconds(expiration.GetValue<long>())
                    : now.AddHours(1);
            var life = expires - now;
            var margin = TimeSpan.FromTicks(Math.Min(TimeSpan.FromMinutes(1).Ticks, life.Ticks / 10));
            return (settings.ApiKey!, token, expires - margin);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or NullReferenceException or FormatException)
        {
            throw new ProviderException("IBM Cloud IAM answered without an access_token", ex);
        }
    }
}
