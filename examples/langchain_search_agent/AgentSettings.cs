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
        var url = SettingValues.Address(configuration, "GOOGLE_SEARCH_URL") ?? DefaultGoogleSearchUrl;
        var directory = SettingValues.Text(configuration, "SEARCH_INDEX_DIR");
        if (directory is not null && !Directory.Exists(directory))
        {
            throw new LlmConfigurationException($"SEARCH_INDEX_DIR is '{directory}', which is not a folder.");
        }

        var steps = SettingValues.Whole(configuration["AGENT_MAX_STEPS"], "AGENT_MAX_STEPS", 5, 1, 20);
        return new AgentSettings(
            SettingValues.Text(configuration, "PROMPT_PREFIX") ?? "prompt",
            SettingValues.Text(configuration, "RESPONSE_PREFIX") ?? "response",
            SettingValues.Text(configuration, "SNIPPETS_PREFIX") ?? "snippets",
            string.IsNullOrEmpty(configuration["PROMPT_TEMPLATE"]) ? "{prompt}{text}" : configuration["PROMPT_TEMPLATE"]!,
            SettingValues.Text(configuration, "GOOGLE_API_KEY"),
            SettingValues.Text(configuration, "GOOGLE_CSE_ID"),
            url,
            directory,
            steps);
    }
}
