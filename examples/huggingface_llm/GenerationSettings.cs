using LabelStudio.ML.Examples.Llm;

namespace HuggingFaceLlm;

/// <summary>
/// <c>MAX_LENGTH</c> (50: the most tokens generated per task), <c>GGUF_MODEL_PATH</c> (a local model; without it the
/// OpenAI-compatible server of <c>OPENAI_BASE_URL</c> generates) and <c>GGUF_CONTEXT_SIZE</c> (2048).
/// </summary>
public sealed record GenerationSettings(int MaxLength, string? GgufModelPath, uint ContextSize)
{
    public static GenerationSettings FromConfiguration(IConfiguration configuration) => new(
        SettingValues.Whole(configuration["MAX_LENGTH"], "MAX_LENGTH", 50, 1, 32_768),
        SettingValues.Text(configuration, "GGUF_MODEL_PATH"),
        (uint)SettingValues.Whole(configuration["GGUF_CONTEXT_SIZE"], "GGUF_CONTEXT_SIZE", 2048, 64, 1 << 20));
}
