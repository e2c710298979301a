namespace LangchainSearchAgent;

/// <summary>One search result: where it comes from and the snippet the model reads.</summary>
public sealed record SearchHit(string Title, string Source, string Snippet);
