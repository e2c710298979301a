namespace LangchainSearchAgent;

/// <summary>What the search tool did while the agent worked on one task: the snippets it returned, and its failure.</summary>
public sealed class SearchRun
{
    private readonly List<string> _snippets = [];
    private readonly Lock _gate = new();

    /// <summary>Every snippet the tool handed the model, in order.</summary>
    public IReadOnlyList<string> Snippets
    {
        get
        {
            lock (_gate)
            {
                return [.. _snippets];
            }
        }
    }

    /// <summary>The first search failure, reported for the task after the agent returns.</summary>
    public Exception? Failure { get; set; }

    /// <summary>Records <paramref name="hits"/> and returns what the model reads: one numbered result per paragraph.</summary>
    public string Found(IReadOnlyList<SearchHit> hits)
    {
        ArgumentNullException.ThrowIfNull(hits);
        lock (_gate)
        {
            _snippets.AddRange(hits.Select(hit => hit.Snippet).Where(snippet => snippet.Length > 0));
        }

        return hits.Count == 0
            ? "No results."
            : string.Join("\n\n", hits.Select((hit, index) => $"[{index + 1}] {hit.Title} ({hit.Source})\n{hit.Snippet}"));
    }
}
