using System.Globalization;
using LabelStudio.ML.Examples.Llm;

namespace HuggingFaceLlm;

/// <summary>
/// <c>MAX_LENGTH</c> (50: the most tokens generated per task), <c>GGUF_MODEL_PATH</c> (a local model; without it the
/// OpenAI-compatible server of <c>OPENAI_BASE_URL</c> generates) and <c>GGUF_CONTEXT_SIZE</c> (2048).
/// </summary>
public sealed record GenerationSettings(int MaxLength, string? GgufModelPath, uint ContextSize)
{
    public static GenerationSettings FromConfiguration(IConfiguration configuration) => new(
        Whole(configuration["MAX_LENGTH"], "MAX_LENGTH", 50, 1, 32_768),
        string.IsNullOrWhiteSpace(configuration["GGUF_MODEL_PATH"]) ? null : configuration["GGUF_MODEL_PATH"]!.Trim(),
        (uint)Whole(configuration["GGUF_CONTEXT_SIZE"], "GGUF_CONTEXT_SIZE", 2048, 64, 1 << 20));

    private static int Whole(string? text, string variable, int fallback, int min, int max)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw new LlmConfigurationException(string.Create(CultureInfo.InvariantCulture, $"{variable} is '{text}'; it must be a whole number from {min} to {max}."));
    }
}
