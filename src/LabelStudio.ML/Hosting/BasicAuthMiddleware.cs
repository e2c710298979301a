using System.Buffers;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace LabelStudio.ML;

/// <summary>
/// HTTP basic auth for every request, before routing (SPEC §3.1): an unauthenticated request to any path, known or
/// not, gets 401 with <c>WWW-Authenticate: Basic realm="Login required"</c> and the body <c>Unauthorized</c>.
/// The probes <c>/alive</c> and <c>/ready</c> are the exception: orchestrators call them without credentials, and
/// they tell nothing but whether this replica should get traffic.
/// </summary>
internal sealed class BasicAuthMiddleware
{
    private const string Challenge = "Basic realm=\"Login required\"";
    private readonly RequestDelegate _next;
    private readonly ILogger _logger;
    private readonly byte[]? _user;
    private readonly byte[]? _password;

    public BasicAuthMiddleware(RequestDelegate next, IOptions<LabelStudioMLOptions> options, ILogger<BasicAuthMiddleware> logger)
    {
        _next = next;
        _logger = logger;
        if (options.Value.BasicAuthEnabled)
        {
            _user = Encoding.UTF8.GetBytes(options.Value.BasicAuthUser!);
            _password = Encoding.UTF8.GetBytes(options.Value.BasicAuthPass!);
        }
    }

    public Task InvokeAsync(HttpContext context)
    {
        if (_user is null || IsProbe(context.Request.Path) || IsAuthorized(context.Request.Headers.Authorization.ToString()))
        {
            return _next(context);
        }

        Log.Unauthorized(_logger, context.Request.Method, context.Request.Path);
        if (context.Request.Path.Equals("/webhook", StringComparison.Ordinal))
        {
            Log.WebhookNeedsCredentials(_logger);
        }

        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        context.Response.Headers[HeaderNames.WWWAuthenticate] = Challenge;
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync("Unauthorized", context.RequestAborted);
    }

    private static bool IsProbe(PathString path) => path.Value is "/alive" or "/ready";

    private bool IsAuthorized(string header)
    {
        const string scheme = "Basic ";
        if (!header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var encoded = Encoding.ASCII.GetBytes(header.AsSpan(scheme.Length).Trim().ToString());
        var decoded = ArrayPool<byte>.Shared.Rent(Base64.GetMaxDecodedFromUtf8Length(encoded.Length));
        try
        {
            if (Base64.DecodeFromUtf8(encoded, decoded, out _, out var written) != OperationStatus.Done)
            {
                return false;
            }

            var credentials = decoded.AsSpan(0, written);
            var colon = credentials.IndexOf((byte)':');
            if (colon < 0)
            {
                return false;
            }

            // Compare both parts, always, in constant time: the answer's timing must not tell which part was wrong.
            var userMatches = CryptographicOperations.FixedTimeEquals(credentials[..colon], _user);
            var passwordMatches = CryptographicOperations.FixedTimeEquals(credentials[(colon + 1)..], _password);
            return userMatches & passwordMatches;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(decoded, clearArray: true);
        }
    }
}
