using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace LabelStudio.ML;

/// <summary>
/// Reads <see cref="LabelStudioConnectionOptions"/> from configuration under the original SDK's environment
/// variable names (SPEC §3.2, §9.1); the cache folder defaults to <c>$MODEL_DIR/.cache</c>.
/// </summary>
internal sealed class LabelStudioConnectionOptionsSetup(IConfiguration configuration, IOptions<LabelStudioMLOptions> backendOptions)
    : IConfigureOptions<LabelStudioConnectionOptions>
{
    public void Configure(LabelStudioConnectionOptions options)
    {
        options.Url = configuration.First("LABEL_STUDIO_URL", "LABEL_STUDIO_HOST") ?? options.Url;
        options.ApiKey = configuration.First("LABEL_STUDIO_API_KEY", "LABEL_STUDIO_ACCESS_TOKEN") ?? options.ApiKey;
        options.VerifySsl = ParseBool("VERIFY_SSL", configuration.First("LABEL_STUDIO_VERIFY_SSL", "HEARTEX_VERIFY_SSL", "VERIFY_SSL")) ?? options.VerifySsl;
        options.LocalFilesDocumentRoot = configuration.First("LABEL_STUDIO_LOCAL_FILES_DOCUMENT_ROOT", "HEARTEX_LOCAL_FILES_DOCUMENT_ROOT", "LOCAL_FILES_DOCUMENT_ROOT")
            ?? options.LocalFilesDocumentRoot;
        options.CacheDir = configuration.First("TASK_DATA_CACHE_DIR") ?? options.CacheDir ?? Path.Combine(backendOptions.Value.ModelDir, ".cache");
        options.MaxFileSize = ParsePositive("TASK_DATA_MAX_FILE_SIZE", configuration.First("TASK_DATA_MAX_FILE_SIZE")) ?? options.MaxFileSize;
        options.Timeout = ParsePositive("TASK_DATA_TIMEOUT", configuration.First("TASK_DATA_TIMEOUT")) is { } seconds
            ? TimeSpan.FromSeconds(seconds)
            : options.Timeout;
        options.AllowMetadataAddresses = ParseBool("TASK_DATA_ALLOW_METADATA_ADDRESSES", configuration.First("TASK_DATA_ALLOW_METADATA_ADDRESSES"))
            ?? options.AllowMetadataAddresses;
        if (configuration.First("TASK_DATA_ALLOWED_ROOTS") is { } roots)
        {
            foreach (var root in roots.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                options.AllowedRoots.Add(root);
            }
        }
    }

    /// <summary>The original's truth values (SPEC §3.2); anything else stops the server at start.</summary>
    internal static bool? ParseBool(string name, string? text) => text?.ToUpperInvariant() switch
    {
        null => null,
        "FALSE" or "NO" or "NOT" or "OFF" or "0" => false,
        "TRUE" or "YES" or "ON" or "1" => true,
        _ => throw new OptionsValidationException(name, typeof(LabelStudioConnectionOptions), [$"{name} must be true or false (yes/no, on/off, 1/0), got '{text}'."]),
    };

    private static long? ParsePositive(string name, string? text) => text is null
        ? null
        : long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw new OptionsValidationException(name, typeof(LabelStudioConnectionOptions), [$"{name} must be a positive whole number, got '{text}'."]);
}
