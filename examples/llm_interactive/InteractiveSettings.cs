using System.Globalization;
using LabelStudio.ML.Examples.Llm;

namespace LlmInteractive;

/// <summary>
/// The example's settings: how prompts are built (<see cref="PromptSettings"/>), <c>NUM_RESPONSES</c> (1),
/// <c>TEMPERATURE</c> (0.7) and <c>STRUCTURED_OUTPUT</c> (off: ask for JSON that names the choices, for providers
/// that support <c>response_format: json_schema</c>).
/// </summary>
public sealed record InteractiveSettings(PromptSettings Prompts, int NumResponses, double Temperature, bool StructuredOutput)
{
    public static InteractiveSettings FromConfiguration(IConfiguration configuration) => new(
        PromptSettings.FromConfiguration(configuration),
        ParseResponses(configuration["NUM_RESPONSES"], "NUM_RESPONSES"),
        ParseTemperature(configuration["TEMPERATURE"], "TEMPERATURE"),
        (configuration["STRUCTURED_OUTPUT"] ?? "").Trim().ToLowerInvariant() is "1" or "true" or "yes");

    /// <summary>A response count from the environment or from a project's extra params.</summary>
    internal static int ParseResponses(string? text, string source)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return 1;
        }

        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value is >= 1 and <= 10
            ? value
            : throw new LlmConfigurationException($"{source} is '{text}'; it must be a whole number from 1 to 10.");
    }

    /// <summary>A sampling temperature from the environment or from a project's extra params.</summary>
    internal static double ParseTemperature(string? text, string source)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return 0.7;
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value is >= 0 and <= 2
            ? value
            : throw new LlmConfigurationException($"{source} is '{text}'; it must be a number from 0 to 2.");
    }
}
