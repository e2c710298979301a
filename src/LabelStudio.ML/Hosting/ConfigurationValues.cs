using Microsoft.Extensions.Configuration;

namespace LabelStudio.ML;

/// <summary>Reads settings that have several names (a switch, then the original SDK's variables in their order of precedence).</summary>
internal static class ConfigurationValues
{
    /// <summary>The first of <paramref name="keys"/> with a non-blank value, trimmed; <see langword="null"/> if none has one.</summary>
    public static string? First(this IConfiguration configuration, params string[] keys)
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
}
