using System.ComponentModel;
using LabelStudio.ML.Examples.Llm;
using Microsoft.Extensions.AI;

namespace LangchainSearchAgent;

/// <summary>
/// The search tool the agent may call: Google when its key and engine id are set, else the local index when
/// <c>SEARCH_INDEX_DIR</c> is set, else none (the model answers alone, as the original does when Google cannot start).
/// </summary>
public sealed class SearchTools(GoogleSearch google, LocalIndexSearch local)
{
    /// <summary>How many results one search returns.</summary>
    internal const int ResultsPerSearch = 5;

    /// <summary>The tool for one task, recording what it found (and a failure) in <paramref name="run"/>.</summary>
    public AIFunction? Create(SearchRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (google.IsConfigured)
        {
            return AIFunctionFactory.Create(
                ([Description("What to search the web for.")] string query, CancellationToken cancellationToken) => SearchGoogleAsync(run, query, cancellationToken),
                "google_search_snippets",
                "Searches Google and returns snippets of the top results. Use it for facts, names, dates and recent events.");
        }

        if (local.IsConfigured)
        {
            return AIFunctionFactory.Create(
                ([Description("What to look up.")] string query) => run.Found(local.Search(query, ResultsPerSearch).Select(result => result.Hit).ToList()),
                "local_search",
                "Searches the local document collection and returns the most relevant passages.");
        }

        return null;
    }

    /// <summary>Which search the tool uses, for messages.</summary>
    public string Describe() => google.IsConfigured ? "Google Custom Search" : local.IsConfigured ? "the local index" : "no search";

    private async Task<string> SearchGoogleAsync(SearchRun run, string query, CancellationToken cancellationToken)
    {
        try
        {
            return run.Found(await google.SearchAsync(query, ResultsPerSearch, cancellationToken));
        }
        catch (Exception ex) when (ProviderFailure.IsProviderFailure(ex))
        {
            // The task fails with this cause once the agent returns; the model only hears that the search failed.
            run.Failure ??= ex;
            return "The search failed.";
        }
    }
}
