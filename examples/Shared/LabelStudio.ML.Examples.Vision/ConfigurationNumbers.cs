using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace LabelStudio.ML.Examples.Vision;

/// <summary>Reads numeric settings with a message naming the setting when a value is wrong.</summary>
internal static class ConfigurationNumbers
{
    /// <summary>The setting <paramref name="key"/> as a positive whole number; <paramref name="fallback"/> when unset.</summary>
    /// <exception cref="InvalidOperationException">The value is no positive whole number.</exception>
    public static int PositiveWhole(IConfiguration configuration, string key, int fallback)
    {
        if (configuration[key] is not { Length: > 0 } text)
        {
            return fallback;
        }

        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw new InvalidOperationException($"{key} must be a positive whole number, got '{text}'.");
    }
}
