using System.Globalization;
using System.Net;
using Microsoft.Extensions.Logging;

namespace LabelStudio.ML.Examples.Llm;

/// <summary>
/// Retries a provider call that failed for a passing reason — 429, 5xx, no answer within the attempt timeout, a failed
/// connection — with exponential backoff, or after the provider's <c>Retry-After</c>. The last failure is handed on:
/// the final response as it is, a timeout as <see cref="TimeoutException"/>. Logs name the host only, never the
/// query (Google's key travels there) or headers.
/// </summary>
public sealed class RetryHandler : DelegatingHandler
{
    private readonly RetryOptions _options;
    private readonly ILogger _logger;
    private readonly Func<TimeSpan, CancellationToken, Task> _delay;

    /// <summary>Creates the handler; <paramref name="delay"/> replaces <see cref="Task.Delay(TimeSpan, CancellationToken)"/> in tests.</summary>
    public RetryHandler(RetryOptions options, ILogger logger, Func<TimeSpan, CancellationToken, Task>? delay = null)
    {
        _options = options;
        _logger = logger;
        _delay = delay ?? Task.Delay;
    }

    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Content is not null)
        {
            // Every attempt sends the same body.
            await request.Content.LoadIntoBufferAsync(cancellationToken);
        }

        var host = request.RequestUri?.GetLeftPart(UriPartial.Path) ?? "the provider";
        for (var attempt = 0; ; attempt++)
        {
            var retry = attempt + 1;
            var last = attempt >= _options.MaxRetries;
            HttpResponseMessage response;
            using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                timeout.CancelAfter(_options.AttemptTimeout);
                try
                {
                    response = await base.SendAsync(request, timeout.Token);
                }
                catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
                {
                    var seconds = _options.AttemptTimeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
                    if (last)
                    {
                        throw new TimeoutException($"{host} gave no answer within {seconds} s ({retry} attempts).", ex);
                    }

                    await WaitAsync(host, $"no answer within {seconds} s", retry, _options.Backoff(retry), cancellationToken);
                    continue;
                }
                catch (HttpRequestException ex) when (!last)
                {
                    await WaitAsync(host, ex.HttpRequestError.ToString(), retry, _options.Backoff(retry), cancellationToken);
                    continue;
                }

                // The timeout covers waiting for the answer's headers, not reading a long streamed body.
                timeout.CancelAfter(Timeout.InfiniteTimeSpan);
            }

            if (last || !IsTransient(response.StatusCode))
            {
                return response;
            }

            var wait = RetryAfter(response) ?? _options.Backoff(retry);
            var status = (int)response.StatusCode;
            response.Dispose();
            await WaitAsync(host, string.Create(CultureInfo.InvariantCulture, $"HTTP {status}"), retry, wait, cancellationToken);
        }
    }

    /// <summary>Whether a status is worth another attempt: rate limiting and server failures.</summary>
    public static bool IsTransient(HttpStatusCode status) => status == HttpStatusCode.TooManyRequests || (int)status >= 500;

    private TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        var wait = header?.Delta ?? (header?.Date is { } date ? date - DateTimeOffset.UtcNow : null);
        if (wait is not { } value)
        {
            return null;
        }

        return value < TimeSpan.Zero ? TimeSpan.Zero : value > _options.MaxDelay ? _options.MaxDelay : value;
    }

    private async Task WaitAsync(string host, string reason, int retry, TimeSpan wait, CancellationToken cancellationToken)
    {
        _logger.LogWarning(
            "{Host} failed ({Reason}); retry {Retry} of {MaxRetries} in {Delay} ms",
            host, reason, retry, _options.MaxRetries, (long)wait.TotalMilliseconds);
        await _delay(wait, cancellationToken);
    }
}
