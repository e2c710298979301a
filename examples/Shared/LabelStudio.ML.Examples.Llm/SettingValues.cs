using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace LabelStudio.ML.Examples.Llm;

/// <summary>
/// Reads the examples' environment variables: blank counts as unset, and a value that is not what the variable
/// takes throws <see cref="LlmConfigurationException"/> naming the variable and the value.
/// </summary>
public static class SettingValues
{
    /// <summary>The trimmed value, or null when unset or blank.</summary>
    public static string? Text(IConfiguration configuration, string variable)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var value = configuration[variable];
        return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }

    /// <summary>A whole number from <paramref name="min"/> to <paramref name="max"/>, or <paramref name="fallback"/> when unset.</summary>
    public static int Whole(string? text, string variable, int fallback, int min, int max) =>
        string.IsNullOrWhiteSpace(text)
            ? fallback
            : int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
                ? value
                : throw new LlmConfigurationException(string.Create(CultureInfo.InvariantCulture, $"{variable} is '{text}'; it must be a whole number from {min} to {max}."));

    /// <summary>A number from <paramref name="min"/> to <paramref name="max"/>, or <paramref name="fallback"/> when unset.</summary>
    public static double Number(string? text, string variable, double fallback, double min, double max) =>
        string.IsNullOrWhiteSpace(text)
            ? fallback
            : double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
                ? value
                : throw new LlmConfigurationException(string.Create(CultureInfo.InvariantCulture, $"{variable} is '{text}'; it must be a number from {min} to {max}."));

    /// <summary>An http(s) address, or null when unset.</summary>
    public static Uri? Address(IConfiguration configuration, string variable)
    {
        var text = Text(configuration, variable);
        if (text is null)
        {
            return null;
        }

        return Uri.TryCreate(text, UriKind.Absolute, out var address) && address.Scheme is "http" or "https"
            ? address
            : throw new LlmConfigurationException($"{variable} is '{text}', which is not an http(s) address.");
    }

    /// <summary>Whether a flag is on (<c>1</c>, <c>true</c>, <c>yes</c>); <paramref name="fallback"/> when unset.</summary>
    public static bool Flag(IConfiguration configuration, string variable, bool fallback) =>
        Text(configuration, variable)?.ToLowerInvariant() switch
        {
            null => fallback,
            "1" or "true" or "yes" or "on" => true,
            _ => false,
        };
}
