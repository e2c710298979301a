using System.Text.RegularExpressions;

namespace LangchainSearchAgent;

/// <summary>
/// An offline search over the text files of <c>SEARCH_INDEX_DIR</c> (<c>*.txt</c>, <c>*.md</c>): each paragraph is a
/// document, ranked by Okapi BM25 (k1 = 1.2, b = 0.75) over lower-cased letter/digit words. Built once, on first use.
/// </summary>
public sealed partial class LocalIndexSearch(AgentSettings settings)
{
    private const double K1 = 1.2;
    private const double B = 0.75;

    private readonly Lazy<Index> _index = new(() => Build(settings.IndexDirectory!));

    /// <summary>Whether a folder is configured.</summary>
    public bool IsConfigured => settings.IndexDirectory is not null;

    /// <summary>The paragraphs indexed.</summary>
    public int Count => _index.Value.Documents.Count;

    /// <summary>The best <paramref name="count"/> paragraphs for <paramref name="query"/> with their BM25 scores; none share no word with it.</summary>
    public IReadOnlyList<(SearchHit Hit, double Score)> Search(string query, int count)
    {
        var index = _index.Value;
        var terms = Words(query).Distinct(StringComparer.Ordinal).ToList();
        return [.. index.Documents
            .Select(document => (Document: document, Score: terms.Sum(term => Score(index, document, term))))
            .Where(result => result.Score > 0)
            .OrderByDescending(result => result.Score)
            .Take(count)
            .Select(result => (new SearchHit(result.Document.Title, result.Document.Source, result.Document.Text), result.Score))];
    }

    /// <summary>The words BM25 counts: lower-cased runs of letters and digits.</summary>
    public static IEnumerable<string> Words(string text) => WordPattern().Matches(text).Select(match => match.Value.ToLowerInvariant());

    private static double Score(Index index, Document document, string term)
    {
        if (!document.Frequencies.TryGetValue(term, out var frequency) || !index.DocumentFrequency.TryGetValue(term, out var containing))
        {
            return 0;
        }

        var n = index.Documents.Count;
        var idf = Math.Log(1 + (n - containing + 0.5) / (containing + 0.5));
        return idf * frequency * (K1 + 1) / (frequency + K1 * (1 - B + B * document.Length / index.AverageLength));
    }

    private static Index Build(string directory)
    {
        var documents = new List<Document>();
        foreach (var file in Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories)
            .Where(path => path.EndsWith(".txt", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".md", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal))
        {
            var source = Path.GetRelativePath(directory, file);
            foreach (var paragraph in ParagraphBreak().Split(File.ReadAllText(file).ReplaceLineEndings("\n")).Select(text => text.Trim()).Where(text => text.Length > 0))
            {
                var words = Words(paragraph).ToList();
                if (words.Count == 0)
                {
                    continue;
                }

                var frequencies = words.GroupBy(word => word, StringComparer.Ordinal).ToDictionary(group => group.Key, group => group.Count(), StringComparer.Ordinal);
                documents.Add(new Document(Path.GetFileNameWithoutExtension(file), source, paragraph.ReplaceLineEndings(" "), words.Count, frequencies));
            }
        }

        var documentFrequency = documents.SelectMany(document => document.Frequencies.Keys)
            .GroupBy(word => word, StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => group.Count(), StringComparer.Ordinal);
        var average = documents.Count == 0 ? 1 : documents.Average(document => (double)document.Length);
        return new Index(documents, documentFrequency, average);
    }

    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex WordPattern();

    [GeneratedRegex(@"\n\s*\n")]
    private static partial Regex ParagraphBreak();

    private sealed record Document(string Title, string Source, string Text, int Length, Dictionary<string, int> Frequencies);

    private sealed record Index(List<Document> Documents, Dictionary<string, int> DocumentFrequency, double AverageLength);
}
