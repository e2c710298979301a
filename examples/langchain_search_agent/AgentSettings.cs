using LabelStudio.ML.Examples.Llm;

namespace LangchainSearchAgent;

/// <summary>
/// The agent's settings, with the original's names: <c>PROMPT_PREFIX</c>, <c>RESPONSE_PREFIX</c>,
/// <c>SNIPPETS_PREFIX</c> (which TextAreas are which), <c>PROMPT_TEMPLATE</c> (<c>{prompt}{text}</c>), the search
/// (<c>GOOGLE_API_KEY</c> + <c>GOOGLE_CSE_ID</c>, or <c>SEARCH_INDEX_DIR</c> for an offline index) and
/// <c>AGENT_MAX_STEPS</c> (5 model calls at most per task).
/// </summary>
public sealed record AgentSettings(
    string PromptPrefix,
    string ResponsePrefix,
    string SnippetsPrefix,
    string Template,
    string? GoogleApiKey,
    string? GoogleCseId,
    Uri GoogleSearchUrl,
    string? IndexDirectory,
    int MaxSteps)
{
    /// <summary>Google's Custom Search JSON API.</summary>
    public static readonly Uri DefaultGoogleSearchUrl = new("https://www.googleapis.com/customsearch/v1");

    public static AgentSettings FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var url = Value(configuration, "GOOGLE_SEARCH_URL") is { } text
            ? Uri.TryCreate(text, UriKind.Absolute, out var address) ? address : throw new LlmConfigurationException($"GOOGLE_SEARCH_URL is '{text}', which is not an address.")
            : DefaultGoogleSearchUrl;
        var directory = Value(configuration, "SEARCH_INDEX_DIR");
        if (directory is not null && !Directory.Exists(directory))
        {
            throw new LlmConfigurationException($"SEARCH_INDEX_DIR is '{directory}', which is not a folder.");
        }

        var steps = Value(configuration, "AGENT_MAX_STEPS") is { } stepsText
            ? int.TryParse(stepsText, out var parsed) && parsed is >= 1 and <= 20 ? parsed : throw new LlmConfigurationException($"AGENT_MAX_STEPS is '{stepsText}'; it must be a whole number from 1 to 20.")
            : 5;
        return new AgentSettings(
            Value(configuration, "PROMPT_PREFIX") ?? "prompt",
            Value(configuration, "RESPONSE_PREFIX") ?? "response",
            Value(configuration, "SNIPPETS_PREFIX") ?? "snippets",
            string.IsNullOrEmpty(configuration["PROMPT_TEMPLATE"]) ? "{prompt}{text}" : configuration["PROMPT_TEMPLATE"]!,
            Value(configuration, "GOOGLE_API_KEY"),
            Value(configuration, "GOOGLE_CSE_ID"),
            url,
            directory,
            steps);
    }

    private static string? Value(IConfiguration configuration, string key) => string.IsNullOrWhiteSpace(configuration[key]) ? null : configuration[key]!.Trim();
}
