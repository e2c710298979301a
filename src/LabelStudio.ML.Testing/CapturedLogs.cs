using System.Collections.Concurrent;
using System.Text;
using Microsoft.Extensions.Logging;

namespace LabelStudio.ML.Testing;

/// <summary>
/// Keeps every formatted log line (with its exception text and the scopes it was logged in) so tests can read what
/// the server logged.
/// </summary>
public sealed class CapturedLogs : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentQueue<string> _lines = new();
    private IExternalScopeProvider? _scopes;

    /// <summary>The lines logged so far, oldest first: level, category, message, exception, and <c> | scope => scope</c> when inside scopes.</summary>
    public IReadOnlyCollection<string> Lines => _lines.ToArray();

    /// <inheritdoc />
    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, this);

    /// <inheritdoc />
    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    /// <inheritdoc />
    public void Dispose()
    {
    }

    private sealed class Logger(string category, CapturedLogs owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => owner._scopes?.Push(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var line = new StringBuilder($"{logLevel} {category}: {formatter(state, exception)}{(exception is null ? string.Empty : " " + exception)}");
            var first = true;
            owner._scopes?.ForEachScope(
                (scope, text) =>
                {
                    text.Append(first ? " | " : " => ").Append(scope);
                    first = false;
                },
                line);
            owner._lines.Enqueue(line.ToString());
        }
    }
}
