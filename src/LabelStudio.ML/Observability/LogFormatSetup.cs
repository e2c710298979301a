using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace LabelStudio.ML;

/// <summary>
/// <c>LOG_FORMAT=json</c>: the console logger writes one JSON object a line (level, category, message, the message's
/// fields and the scopes: project, tasks, model version), which container log collectors parse without rules.
/// </summary>
internal sealed class LogFormatSetup(IOptions<LabelStudioMLOptions> options) : IConfigureOptions<ConsoleLoggerOptions>, IConfigureOptions<JsonConsoleFormatterOptions>
{
    public void Configure(ConsoleLoggerOptions console)
    {
        if (options.Value.LogFormat == "json")
        {
            console.FormatterName = ConsoleFormatterNames.Json;
        }
    }

    public void Configure(JsonConsoleFormatterOptions json)
    {
        json.IncludeScopes = true;
        json.UseUtcTimestamp = true;
        json.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
    }
}
