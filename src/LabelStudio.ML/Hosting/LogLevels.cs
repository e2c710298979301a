using Microsoft.Extensions.Logging;

namespace LabelStudio.ML;

/// <summary>The original SDK's <c>LOG_LEVEL</c> names mapped to .NET log levels.</summary>
internal static class LogLevels
{
    public static LogLevel? TryParse(string? name) => name?.Trim().ToUpperInvariant() switch
    {
        "TRACE" => LogLevel.Trace,
        "DEBUG" => LogLevel.Debug,
        "INFO" or "INFORMATION" => LogLevel.Information,
        "WARNING" or "WARN" => LogLevel.Warning,
        "ERROR" => LogLevel.Error,
        "CRITICAL" => LogLevel.Critical,
        _ => null,
    };
}
