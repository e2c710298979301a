using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LabelStudio.ML;

/// <summary>
/// Applies <c>LOG_LEVEL</c> as the minimum level of every logger. Below <c>DEBUG</c>, ASP.NET Core's own
/// per-request lines are kept to warnings: the backend logs one line per prediction itself.
/// </summary>
internal sealed class LogLevelSetup(IOptions<LabelStudioMLOptions> options) : IConfigureOptions<LoggerFilterOptions>
{
    public void Configure(LoggerFilterOptions filter)
    {
        var level = LogLevels.TryParse(options.Value.LogLevel) ?? LogLevel.Information;
        filter.MinLevel = level;
        if (level > LogLevel.Debug)
        {
            filter.Rules.Add(new LoggerFilterRule(null, "Microsoft.AspNetCore", (LogLevel)Math.Max((int)level, (int)LogLevel.Warning), null));
        }
    }
}
