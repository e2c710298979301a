using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace LabelStudio.ML;

/// <summary>
/// At <c>LOG_LEVEL=DEBUG</c>, logs each request's headers with every credential replaced by <c>***</c>
/// (SPEC §13 QUIRK-17: the original logs <c>Authorization</c> in clear).
/// </summary>
internal sealed class RequestHeaderLogging(RequestDelegate next, ILogger<RequestHeaderLogging> logger)
{
    private static readonly HashSet<string> SecretHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Authorization", "Proxy-Authorization", "Cookie", "Set-Cookie", "X-Api-Key", "X-Auth-Token",
    };

    public Task InvokeAsync(HttpContext context)
    {
        if (logger.IsEnabled(LogLevel.Debug))
        {
            Log.RequestHeaders(logger, context.Request.Method, context.Request.Path, Describe(context.Request.Headers));
        }

        return next(context);
    }

    internal static string Describe(IHeaderDictionary headers)
    {
        var text = new StringBuilder();
        foreach (var (name, values) in headers)
        {
            if (text.Length > 0)
            {
                text.Append("; ");
            }

            text.Append(name).Append(": ").Append(SecretHeaders.Contains(name) ? "***" : values.ToString());
        }

        return text.ToString();
    }
}
