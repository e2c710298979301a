using System.Net;
using System.Security.Authentication;
using Microsoft.Extensions.Options;

namespace LabelStudio.ML;

/// <summary>
/// Sends the SDK's outbound <c>GET</c>s (SPEC §3.2, §8.3): a browser-like <c>User-Agent</c>; the credential only to
/// Label Studio's own scheme, host and port; redirects followed here, one hop at a time, so that a redirect to another
/// host (a presigned cloud URL) goes out without it; one token refresh when Label Studio answers 401 to a personal
/// access token; metadata addresses refused.
/// </summary>
internal sealed class LabelStudioHttp(IHttpClientFactory httpClientFactory, IOptions<LabelStudioConnectionOptions> options, LabelStudioTokenProvider tokens)
{
    /// <summary>The name of the <see cref="HttpClient"/> (and its handler) in <see cref="IHttpClientFactory"/>.</summary>
    public const string ClientName = "LabelStudio.ML.TaskData";

    /// <summary>The <c>User-Agent</c> of every download: the original's browser-like one, which some storage front-ends expect.</summary>
    public const string UserAgent =
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_4) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/83.0.4103.97 Safari/537.36";

    public LabelStudioConnectionOptions Options => options.Value;

    public LabelStudioTokenProvider Tokens => tokens;

    /// <summary>
    /// Gets <paramref name="url"/>, following redirects, and returns the final response with its body unread (the
    /// caller disposes it and checks the status).
    /// </summary>
    /// <exception cref="TaskDataException">The URL is refused, the token cannot be obtained, or there are too many redirects.</exception>
    public async Task<HttpResponseMessage> GetAsync(string url, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var baseUri = LabelStudioAddress.TryGet(settings);
        var current = ParseAbsolute(url);
        var client = httpClientFactory.CreateClient(ClientName);
        string? refused = null;
        var redirects = 0;
        while (true)
        {
            if (!settings.AllowMetadataAddresses && MetadataAddresses.Contains(current))
            {
                throw MetadataAddresses.Refusal(current.OriginalString);
            }

            var authorization = LabelStudioAddress.IsSameOrigin(baseUri, current)
                ? await tokens.GetAuthorizationAsync(refused, cancellationToken).ConfigureAwait(false)
                : null;
            using var request = new HttpRequestMessage(HttpMethod.Get, current);
            request.Headers.TryAddWithoutValidation("User-Agent", UserAgent);
            if (authorization is not null)
            {
                request.Headers.TryAddWithoutValidation("Authorization", authorization);
            }

            var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.Unauthorized && refused is null
                && authorization is not null && tokens.Kind == LabelStudioTokenKind.PersonalAccess)
            {
                // The cached access token may have been revoked or expired early: refresh once and try again.
                refused = authorization;
                response.Dispose();
                continue;
            }

            if (IsRedirect(response.StatusCode) && response.Headers.Location is { } location)
            {
                response.Dispose();
                if (++redirects > settings.MaxRedirects)
                {
                    throw new TaskDataException(
                        TaskDataErrorCategory.Refused,
                        $"{UrlRedaction.Redact(url)} redirected more than {settings.MaxRedirects} times: the server is misconfigured or loops.",
                        url);
                }

                current = location.IsAbsoluteUri ? location : new Uri(current, location);
                refused = null;
                continue;
            }

            return response;
        }
    }

    /// <summary>The error for a non-2xx answer to <paramref name="url"/>, naming the cause and the fix.</summary>
    public TaskDataException StatusError(HttpResponseMessage response, string url)
    {
        var status = (int)response.StatusCode;
        var shown = UrlRedaction.Redact(url);
        var fromLabelStudio = response.RequestMessage?.RequestUri is { } final && LabelStudioAddress.IsSameOrigin(LabelStudioAddress.TryGet(options.Value), final);
        return response.StatusCode switch
        {
            HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden when fromLabelStudio => new TaskDataException(
                TaskDataErrorCategory.Unauthorized,
                $"{status} Client Error: Label Studio refused the {TokenWords()} for {shown}. Check that LABEL_STUDIO_API_KEY holds a current token " +
                "of a user who can see this project, issued by the Label Studio at LABEL_STUDIO_URL.",
                url,
                status),
            HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => new TaskDataException(
                TaskDataErrorCategory.Unauthorized,
                $"{status} Client Error: {shown} refused access. A presigned cloud link may have expired, or the storage denies it: " +
                "check the cloud storage's credentials in Label Studio's project settings.",
                url,
                status),
            HttpStatusCode.NotFound or HttpStatusCode.Gone => new TaskDataException(
                TaskDataErrorCategory.NotFound,
                $"{status} Client Error: {shown} was not found. Check that the task's data names an existing file" +
                (fromLabelStudio ? " and that LABEL_STUDIO_URL is the Label Studio that holds it." : "."),
                url,
                status),
            HttpStatusCode.RequestEntityTooLarge => TooLarge(url, options.Value.MaxFileSize),
            HttpStatusCode.RequestTimeout or HttpStatusCode.GatewayTimeout => new TaskDataException(
                TaskDataErrorCategory.Timeout,
                $"{status} Error: {shown} timed out on the server side; try again, or check the server's load.",
                url,
                status),
            _ => new TaskDataException(
                status is >= 400 and < 500 ? TaskDataErrorCategory.InvalidInput : TaskDataErrorCategory.Unavailable,
                $"{status} {(status < 500 ? "Client" : "Server")} Error: {shown} answered {status} {response.ReasonPhrase}; see that server's logs for why.",
                url,
                status),
        };
    }

    /// <summary>The error for a file over the size limit.</summary>
    public static TaskDataException TooLarge(string url, long limit) => new(
        TaskDataErrorCategory.TooLarge,
        $"{UrlRedaction.Redact(url)} is larger than the limit of {limit} bytes: raise TASK_DATA_MAX_FILE_SIZE, or use a smaller file.",
        url);

    /// <summary>
    /// The error for an exception thrown while talking to <paramref name="url"/>: a timeout (not the caller's
    /// cancellation, which is rethrown as it is), a TLS failure, a connection failure.
    /// </summary>
    public static Exception Translate(Exception exception, string url, CancellationToken callerToken, LabelStudioConnectionOptions settings)
    {
        for (var inner = exception; inner is not null; inner = inner.InnerException)
        {
            if (inner is TaskDataException taskData)
            {
                return taskData;
            }
        }

        var shown = UrlRedaction.Redact(url);
        return exception switch
        {
            OperationCanceledException when callerToken.IsCancellationRequested => exception,
            OperationCanceledException => new TaskDataException(
                TaskDataErrorCategory.Timeout,
                $"Reading {shown} took longer than {settings.Timeout.TotalSeconds:0.#} s: check that the server is reachable from this backend and answers, " +
                "or raise TASK_DATA_TIMEOUT (seconds).",
                url,
                innerException: exception),
            HttpRequestException { InnerException: AuthenticationException } => new TaskDataException(
                TaskDataErrorCategory.Unavailable,
                $"The TLS certificate of {shown} was not accepted ({exception.InnerException!.Message}): install the CA that signed it, " +
                "or set VERIFY_SSL=false if you trust the network.",
                url,
                innerException: exception),
            HttpRequestException or IOException => new TaskDataException(
                TaskDataErrorCategory.Unavailable,
                $"Could not read {shown}: {exception.Message} Check that the host is reachable from this backend " +
                "(inside Docker, 'localhost' is the container itself: use the host's address in LABEL_STUDIO_URL).",
                url,
                innerException: exception),
            _ => exception,
        };
    }

    private string TokenWords() => tokens.Kind is { } kind
        ? $"{LabelStudioTokenProvider.Describe(kind)} token in LABEL_STUDIO_API_KEY"
        : "request (LABEL_STUDIO_API_KEY is not set)";

    private static Uri ParseAbsolute(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? uri
            : throw new TaskDataException(
                TaskDataErrorCategory.InvalidInput,
                $"'{UrlRedaction.Redact(url)}' is not an http(s) URL the backend can download.",
                url);

    private static bool IsRedirect(HttpStatusCode status) => status is HttpStatusCode.MovedPermanently or HttpStatusCode.Found
        or HttpStatusCode.SeeOther or HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect;
}
