using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace LabelStudio.ML.Examples.Llm;

/// <summary>
/// HTTP clients for provider calls, each with the retry policy of <see cref="RetryOptions"/> (from the environment)
/// in front of one shared connection pool. A singleton: the clients live as long as the backend.
/// </summary>
public sealed class ProviderHttp : IDisposable
{
    private readonly SocketsHttpHandler _connections = new() { PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
    private readonly ILoggerFactory _loggers;

    /// <summary>Reads the retry options once; wrong values stop the backend at start-up with the variable's name.</summary>
    public ProviderHttp(IConfiguration configuration, ILoggerFactory loggers)
    {
        Retry = RetryOptions.FromConfiguration(configuration);
        _loggers = loggers;
    }

    /// <summary>The retry policy every client gets.</summary>
    public RetryOptions Retry { get; }

    /// <summary>
    /// A new client that retries as configured; <paramref name="inner"/> (e.g. a header rewriter) runs after the
    /// retry step, for every attempt.
    /// </summary>
    public HttpClient CreateClient(DelegatingHandler? inner = null)
    {
        HttpMessageHandler next = new SharedHandler(_connections);
        if (inner is not null)
        {
            inner.InnerHandler = next;
            next = inner;
        }

        var retry = new RetryHandler(Retry, _loggers.CreateLogger<RetryHandler>()) { InnerHandler = next };
        // Attempt timeouts are the retry handler's; the client itself never gives up on its own.
        return new HttpClient(retry, disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
    }

    /// <inheritdoc />
    public void Dispose() => _connections.Dispose();

    /// <summary>Hands requests to the shared pool without letting a client's disposal close it.</summary>
    private sealed class SharedHandler(HttpMessageHandler pool) : DelegatingHandler(pool)
    {
        protected override void Dispose(bool disposing)
        {
            // The pool belongs to ProviderHttp.
        }
    }
}
