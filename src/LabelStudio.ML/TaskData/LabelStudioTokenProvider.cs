using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LabelStudio.ML;

/// <summary>
/// Turns <c>LABEL_STUDIO_API_KEY</c> into the <c>Authorization</c> value for Label Studio (SPEC §3.2): a legacy token as
/// <c>Token …</c>; a personal access token exchanged at <c>/api/token/refresh/</c> for an access token sent as
/// <c>Bearer …</c>, cached until shortly before it expires. Concurrent refreshes are serialized.
/// </summary>
internal sealed class LabelStudioTokenProvider(
    IHttpClientFactory httpClientFactory,
    IOptions<LabelStudioConnectionOptions> options,
    TimeProvider time,
    ILogger<LabelStudioTokenProvider> logger) : IDisposable
{
    /// <summary>An access token is refreshed this long before its <c>exp</c>, so that it does not expire in flight.</summary>
    internal static readonly TimeSpan ExpiryMargin = TimeSpan.FromSeconds(10);

    /// <summary>How long an access token without <c>exp</c> is used before it is refreshed.</summary>
    private static readonly TimeSpan LifetimeWithoutExpiry = TimeSpan.FromMinutes(4);

    private readonly SemaphoreSlim _refreshLock = new(1, 1);
    private (string Token, DateTimeOffset RefreshAfter)? _access;

    /// <summary>The kind of the configured credential, or <see langword="null"/> when none is set.</summary>
    public LabelStudioTokenKind? Kind => options.Value.ApiKey is { Length: > 0 } key ? KindOf(key) : null;

    /// <summary>Human words for a kind, as the start-up line uses them.</summary>
    public static string Describe(LabelStudioTokenKind kind) => kind switch
    {
        LabelStudioTokenKind.Legacy => "legacy",
        LabelStudioTokenKind.PersonalAccess => "personal access",
        _ => "JWT access",
    };

    internal static LabelStudioTokenKind KindOf(string key) => JwtClaims.TryRead(key) switch
    {
        null => LabelStudioTokenKind.Legacy,
        { TokenType: "access" } => LabelStudioTokenKind.Access,
        _ => LabelStudioTokenKind.PersonalAccess,
    };

    /// <summary>
    /// The <c>Authorization</c> header value for Label Studio, or <see langword="null"/> when no credential is set.
    /// </summary>
    /// <param name="stale">The value a request just sent and Label Studio refused with 401: it is refreshed (once) instead of reused.</param>
    /// <param name="cancellationToken">Cancels the refresh.</param>
    /// <exception cref="TaskDataException">The token has expired, or Label Studio refused to refresh it.</exception>
    public async ValueTask<string?> GetAuthorizationAsync(string? stale, CancellationToken cancellationToken)
    {
        var key = options.Value.ApiKey;
        if (string.IsNullOrWhiteSpace(key))
        {
            return null;
        }

        switch (KindOf(key))
        {
            case LabelStudioTokenKind.Legacy:
                return $"Token {key}";
            case LabelStudioTokenKind.Access:
                var claims = JwtClaims.TryRead(key)!;
                if (claims.ExpiresAt is { } expiresAt && expiresAt <= time.GetUtcNow())
                {
                    throw new TaskDataException(
                        TaskDataErrorCategory.Unauthorized,
                        $"LABEL_STUDIO_API_KEY holds a JWT access token that expired at {expiresAt:u}: put the personal access token " +
                        "itself (Account & Settings → Personal Access Token in Label Studio) in LABEL_STUDIO_API_KEY; the backend refreshes access tokens on its own.");
                }

                return $"Bearer {key}";
        }

        var cached = _access;
        if (cached is { } current && current.RefreshAfter > time.GetUtcNow() && !string.Equals($"Bearer {current.Token}", stale, StringComparison.Ordinal))
        {
            return $"Bearer {current.Token}";
        }

        await _refreshLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Another caller may have refreshed while this one waited.
            if (_access is { } fresh && !ReferenceEquals(fresh.Token, cached?.Token) && fresh.RefreshAfter > time.GetUtcNow())
            {
                return $"Bearer {fresh.Token}";
            }

            var access = await RefreshAsync(key, cancellationToken).ConfigureAwait(false);
            _access = access;
            return $"Bearer {access.Token}";
        }
        finally
        {
            _refreshLock.Release();
        }
    }

    /// <inheritdoc />
    public void Dispose() => _refreshLock.Dispose();

    private async Task<(string Token, DateTimeOffset RefreshAfter)> RefreshAsync(string personalAccessToken, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var baseUri = LabelStudioAddress.TryGet(settings) ?? throw new TaskDataException(
            TaskDataErrorCategory.NotConfigured,
            "LABEL_STUDIO_URL is not set or does not start with http:// or https://: a personal access token must be exchanged at Label Studio's " +
            "/api/token/refresh/. Set LABEL_STUDIO_URL to Label Studio's address, e.g. http://192.168.1.10:8080.");
        var url = LabelStudioAddress.Join(baseUri, "/api/token/refresh/");
        var claims = JwtClaims.TryRead(personalAccessToken)!;
        if (claims.ExpiresAt is not { } expiresAt)
        {
            throw new TaskDataException(
                TaskDataErrorCategory.Unauthorized,
                "The personal access token in LABEL_STUDIO_API_KEY does not have an expiration set, so Label Studio would refuse it: " +
                "create a new one under Account & Settings → Personal Access Token.",
                url);
        }

        if (expiresAt <= time.GetUtcNow())
        {
            throw new TaskDataException(
                TaskDataErrorCategory.Unauthorized,
                $"The personal access token in LABEL_STUDIO_API_KEY expired at {expiresAt:u}: create a new one in Label Studio " +
                "under Account & Settings → Personal Access Token.",
                url);
        }

        var client = httpClientFactory.CreateClient(LabelStudioHttp.ClientName);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(settings.Timeout);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(new JsonObject { ["refresh"] = personalAccessToken }) };
            request.Headers.TryAddWithoutValidation("User-Agent", LabelStudioHttp.UserAgent);
            using var response = await client.SendAsync(request, timeout.Token).ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync(timeout.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                var category = response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.BadRequest
                    ? TaskDataErrorCategory.Unauthorized
                    : TaskDataErrorCategory.Unavailable;
                throw new TaskDataException(
                    category,
                    $"Label Studio refused to exchange the personal access token in LABEL_STUDIO_API_KEY at {url} (HTTP {(int)response.StatusCode}: {Shorten(body)}): " +
                    "check that LABEL_STUDIO_URL is the Label Studio that issued the token and that the token has not been revoked.",
                    url,
                    (int)response.StatusCode);
            }

            var token = JsonNode.Parse(body)?["access"]?.GetValue<string>();
            if (string.IsNullOrEmpty(token))
            {
                throw new TaskDataException(
                    TaskDataErrorCategory.Unavailable,
                    $"{url} answered without an access token ({Shorten(body)}): check that LABEL_STUDIO_URL points at Label Studio itself.",
                    url);
            }

            var accessExpiry = JwtClaims.TryRead(token)?.ExpiresAt;
            var refreshAfter = accessExpiry is { } exp ? exp - ExpiryMargin : time.GetUtcNow() + LifetimeWithoutExpiry;
            Log.AccessTokenRefreshed(logger, url, accessExpiry?.ToString("u", System.Globalization.CultureInfo.InvariantCulture) ?? "no expiry");
            return (token, refreshAfter);
        }
        catch (Exception ex) when (ex is not TaskDataException)
        {
            throw LabelStudioHttp.Translate(ex, url, cancellationToken, settings);
        }
    }

    private static string Shorten(string body) => body.Length > 200 ? string.Concat(body.AsSpan(0, 200), "…") : body;
}
