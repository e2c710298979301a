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
        SettingValues.Flag(configuration, "STRUCTURED_OUTPUT", false));

    /// <summary>A response count from the environment or from a project's extra params.</summary>
    internal static int ParseResponses(string? text, string source) => SettingValues.Whole(text, source, 1, 1, 10);

    /// <summary>A sampling temperature from the environment or from a project's extra params.</summary>
    internal static double ParseTemperature(string? text, string source) => SettingValues.Number(text, source, 0.7, 0, 2);
}
