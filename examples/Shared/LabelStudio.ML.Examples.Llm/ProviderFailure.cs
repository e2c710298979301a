using System.ClientModel;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace LabelStudio.ML.Examples.Llm;

/// <summary>
/// Turns a failed provider call into the answer Label Studio shows: what failed, for which task, and why, with the
/// status a proxy would give (502 the provider failed or refused, 503 rate-limited, 504 no answer in time, 500 this
/// backend is not configured). Keys are cut out of every message.
/// </summary>
public static class ProviderFailure
{
    /// <summary>Whether <paramref name="exception"/> is one this class explains (otherwise let it through).</summary>
    public static bool IsProviderFailure(Exception exception) =>
        exception is ClientResultException or ProviderException or HttpRequestException or TimeoutException or LlmConfigurationException
        || exception.InnerException is TimeoutException;

    /// <summary>The answer for a failed call to <paramref name="provider"/> made for <paramref name="subject"/> (e.g. <c>task 7</c>).</summary>
    /// <param name="exception">What the call threw.</param>
    /// <param name="provider">The provider, e.g. <c>the LLM provider (OpenAI model 'gpt-4o' at https://…)</c>.</param>
    /// <param name="subject">What the call was for.</param>
    /// <param name="secrets">Values (API keys) that must not appear in the message.</param>
    public static AnswerException ToAnswer(Exception exception, string provider, string subject, params string?[] secrets)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var (status, message, retryAfter) = Explain(exception, provider);
        var text = $"{subject}: {message}";
        foreach (var secret in secrets.Where(secret => !string.IsNullOrEmpty(secret) && secret.Length >= 4))
        {
            text = text.Replace(secret!, "***", StringComparison.Ordinal);
        }

        // The cause is not attached: its message may quote the key (a provider echoing it), and the server logs it.
        return new AnswerException(status, text) { RetryAfter = retryAfter };
    }

    private static (int Status, string Message, TimeSpan? RetryAfter) Explain(Exception exception, string provider)
    {
        switch (exception)
        {
            case LlmConfigurationException configuration:
                return (500, $"the backend is not configured: {configuration.Message}", null);
            case TimeoutException or { InnerException: TimeoutException }:
                var timeout = exception as TimeoutException ?? (TimeoutException)exception.InnerException!;
                return (504, $"{provider} did not answer in time: {timeout.Message}", null);
            case ClientResultException { Status: > 0 } result:
                var response = result.GetRawResponse();
                var detail = response is null ? result.Message : ErrorMessage(response.Content.ToString()) ?? response.ReasonPhrase;
                var retryAfter = response?.Headers.TryGetValue("Retry-After", out var header) == true
                    && int.TryParse(header, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds) ? TimeSpan.FromSeconds(seconds) : (TimeSpan?)null;
                return ForStatus(result.Status, provider, detail, retryAfter);
            case ClientResultException unanswered:
                return (502, $"{provider} could not be reached: {unanswered.InnerException?.Message ?? unanswered.Message}", null);
            case ProviderException { Status: > 0 } failed:
                return ForStatus(failed.Status, provider, failed.Message, failed.RetryAfter);
            case ProviderException malformed:
                return (502, $"{provider} gave an answer this backend cannot use: {malformed.Message}", null);
            case HttpRequestException request:
                return (502, $"{provider} could not be reached: {request.Message}", null);
            default:
                return (500, $"{provider} failed: {exception.Message}", null);
        }
    }

    private static (int, string, TimeSpan?) ForStatus(int status, string provider, string? detail, TimeSpan? retryAfter)
    {
        var said = string.IsNullOrWhiteSpace(detail) ? string.Empty : $": {detail}";
        return status switch
        {
            401 or 403 => (502, $"{provider} rejected the API key (HTTP {status}){said}", null),
            429 => (503, $"{provider} is rate-limiting this backend (HTTP 429, still after the retries){said}", retryAfter ?? TimeSpan.FromSeconds(30)),
            >= 500 => (502, $"{provider} failed (HTTP {status}, still after the retries){said}", null),
            _ => (502, $"{provider} refused the request (HTTP {status}){said}", null),
        };
    }

    /// <summary>The provider's own error text from an OpenAI-style <c>{"error": {"message": …}}</c> (or watsonx's <c>errors</c>) body.</summary>
    public static string? ErrorMessage(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }

        try
        {
            var json = JsonNode.Parse(body);
            var message = json?["error"]?["message"] ?? json?["errors"]?[0]?["message"] ?? json?["errorMessage"] ?? json?["message"];
            return message?.GetValueKind() == JsonValueKind.String ? message.GetValue<string>() : Shorten(body);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            return Shorten(body);
        }
    }

    private static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + "…";
}
