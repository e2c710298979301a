using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LabelStudio.ML;

/// <summary>Applies <c>LOG_LEVEL</c> as the minimum level of every logger.</summary>
internal sealed class LogLevelSetup(IOptions<LabelStudioMLOptions> options) : IConfigureOptions<LoggerFilterOptions>
{
    public void Configure(LoggerFilterOptions filter) =>
        filter.MinLevel = LogLevels.TryParse(options.Value.LogLevel) ?? LogLevel.Information;
}
