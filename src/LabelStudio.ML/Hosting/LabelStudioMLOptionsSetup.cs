using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace LabelStudio.ML;

/// <summary>
/// Reads <see cref="LabelStudioMLOptions"/> from configuration: environment variables under the original SDK's
/// names, and command-line switches (<c>--port</c>, <c>--model-dir</c>, …), which configuration sees under the same
/// case-insensitive keys.
/// </summary>
internal sealed class LabelStudioMLOptionsSetup(IConfiguration configuration) : IConfigureOptions<LabelStudioMLOptions>
{
    public void Configure(LabelStudioMLOptions options)
    {
        options.ModelDir = First("model-dir", "MODEL_DIR") ?? options.ModelDir;
        options.Host = First("host") ?? options.Host;
        options.Port = ParsePort(First("port", "PORT")) ?? options.Port;
        // The launcher's explicit switches win over ML_SERVER_* (their defaults), which win over BASIC_AUTH_* (SPEC §3.1).
        options.BasicAuthUser = First("basic-auth-user", "ML_SERVER_BASIC_AUTH_USER", "BASIC_AUTH_USER") ?? options.BasicAuthUser;
        options.BasicAuthPass = First("basic-auth-pass", "ML_SERVER_BASIC_AUTH_PASS", "BASIC_AUTH_PASS") ?? options.BasicAuthPass;
        options.LogLevel = First("log-level", "LOG_LEVEL") ?? options.LogLevel;
        options.CacheType = First("CACHE_TYPE") ?? options.CacheType;
        options.TrainingMode = ParseTrainingMode(First("TRAINING_MODE")) ?? options.TrainingMode;
        options.MaxRequestBodySize = ParseSize(First("MAX_REQUEST_BODY_SIZE")) ?? options.MaxRequestBodySize;
    }

    private string? First(params string[] keys)
    {
        foreach (var key in keys)
        {
            var value = configuration[key];
            if (!string.IsNullOrWhiteSpace(value))
            {
                return value.Trim();
            }
        }

        return null;
    }

    private static int? ParsePort(string? text) => text is null
        ? null
        : int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is >= 0 and <= 65535
            ? port
            : throw new OptionsValidationException("PORT", typeof(LabelStudioMLOptions), [$"PORT must be a whole number from 0 to 65535, got '{text}'."]);

    private static long? ParseSize(string? text) => text is null
        ? null
        : long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var size) && size > 0
            ? size
            : throw new OptionsValidationException("MAX_REQUEST_BODY_SIZE", typeof(LabelStudioMLOptions), [$"MAX_REQUEST_BODY_SIZE must be a positive number of bytes, got '{text}'."]);

    private static TrainingMode? ParseTrainingMode(string? text) => text?.ToUpperInvariant() switch
    {
        null => null,
        "SYNC" => TrainingMode.Sync,
        _ => throw new OptionsValidationException("TRAINING_MODE", typeof(LabelStudioMLOptions), [$"TRAINING_MODE must be 'sync', got '{text}'."]),
    };
}
