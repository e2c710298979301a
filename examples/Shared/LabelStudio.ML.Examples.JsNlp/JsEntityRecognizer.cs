using System.Text.Json;

namespace LabelStudio.ML.Examples.JsNlp;

/// <summary>
/// Named-entity recognition with compromise and/or winkNLP run in-process (a singleton: each model loads once per
/// process, in seconds, then answers in milliseconds per sentence). Calls into one model are serialized, since a
/// JavaScript engine runs on one thread; the models of one call run side by side.
/// </summary>
public sealed class JsEntityRecognizer : IDisposable
{
    /// <summary>The longest text handed to the models, in characters; the rest of a longer text is not searched.</summary>
    public const int DefaultMaxTextLength = 20_000;

    private readonly IReadOnlyList<(JsNlpModel Model, Lazy<Task<JsModelEngine>> Engine)> _models;

    /// <summary>A recognizer running <paramref name="models"/> from the files the build copied next to the application.</summary>
    /// <param name="models">The models to run, in order of preference when their entities overlap.</param>
    /// <param name="maxTextLength">The longest text handed to the models (see <see cref="DefaultMaxTextLength"/>).</param>
    /// <param name="callBudget">How long one model may take on one text before the call fails (default 60 s).</param>
    public JsEntityRecognizer(IEnumerable<JsNlpModel> models, int maxTextLength = DefaultMaxTextLength, TimeSpan? callBudget = null)
    {
        ArgumentNullException.ThrowIfNull(models);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxTextLength, 1);
        MaxTextLength = maxTextLength;
        var budget = callBudget ?? TimeSpan.FromSeconds(60);
        _models = [.. models.Distinct().Select(model => (model, new Lazy<Task<JsModelEngine>>(
            () => Task.Run(() => JsModelEngine.Load(model, JsNlpDirectory.Locate(), budget)), LazyThreadSafetyMode.ExecutionAndPublication)))];
        if (_models.Count == 0)
        {
            throw new ArgumentException("Name at least one model.", nameof(models));
        }

        EntityTypes = [.. _models.SelectMany(entry => JsEntityTypes.Of(entry.Model))];
    }

    /// <summary>The longest text handed to the models, in characters.</summary>
    public int MaxTextLength { get; }

    /// <summary>The entity types the models report.</summary>
    public IReadOnlyList<string> EntityTypes { get; }

    /// <summary>Loads every model (once; later calls return the same task). Predictions wait for it when they come first.</summary>
    public Task WarmUpAsync() => Task.WhenAll(_models.Select(entry => entry.Engine.Value));

    /// <summary>
    /// The entities of <paramref name="text"/> in text order, without overlaps (of two overlapping entities the longer
    /// stays; on a tie, the one of the model named first). Only the first <see cref="MaxTextLength"/> characters are
    /// searched, cut at a white space so that no word is split.
    /// </summary>
    /// <exception cref="TimeoutException">A model took longer than its call budget.</exception>
    public async Task<IReadOnlyList<JsEntity>> RecognizeAsync(string text, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        var searched = Truncate(text, MaxTextLength);
        if (string.IsNullOrWhiteSpace(searched))
        {
            return [];
        }

        var perModel = await Task.WhenAll(_models.Select(async entry =>
        {
            var engine = await entry.Engine.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
            var json = await engine.RecognizeAsync(searched, cancellationToken).ConfigureAwait(false);
            return ReadTokenRanges(searched, json);
        })).ConfigureAwait(false);
        return WithoutOverlaps(perModel);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var (_, engine) in _models)
        {
            if (engine.IsValueCreated && engine.Value.IsCompletedSuccessfully)
            {
                engine.Value.Result.Dispose();
            }
        }
    }

    /// <summary>The first <paramref name="max"/> characters, cut at the last white space before (or a whole surrogate pair).</summary>
    internal static string Truncate(string text, int max)
    {
        if (text.Length <= max)
        {
            return text;
        }

        var cut = max;
        var space = text.LastIndexOfAny([' ', '\n', '\t', '\r'], max);
        if (space > max / 2)
        {
            cut = space;
        }
        else if (char.IsHighSurrogate(text[cut - 1]))
        {
            cut--;
        }

        return text[..cut];
    }

    /// <summary>Both models answer their tokens and each entity as a range of token indexes (inclusive).</summary>
    private static List<JsEntity> ReadTokenRanges(string text, string json)
    {
        using var document = JsonDocument.Parse(json);
        var tokens = document.RootElement.GetProperty("tokens").EnumerateArray().Select(token => token.GetString() ?? string.Empty).ToList();
        var ranges = TokenOffsets.Locate(text, tokens);
        var entities = new List<JsEntity>();
        foreach (var item in document.RootElement.GetProperty("entities").EnumerateArray())
        {
            if (item[1].ValueKind != JsonValueKind.Number || item[2].ValueKind != JsonValueKind.Number)
            {
                continue;
            }

            var first = item[1].GetInt32();
            var last = item[2].GetInt32();
            if (first < 0 || last >= ranges.Length || last < first || ranges[first] is not { } start || ranges[last] is not { } end)
            {
                continue;
            }

            entities.Add(new JsEntity(item[0].GetString()!, start.Start, end.End));
        }

        return entities;
    }

    internal static List<JsEntity> WithoutOverlaps(IReadOnlyList<List<JsEntity>> perModel)
    {
        var ranked = perModel
            .SelectMany((entities, modelRank) => entities.Select(entity => (Entity: entity, ModelRank: modelRank)))
            .OrderByDescending(candidate => candidate.Entity.End - candidate.Entity.Start)
            .ThenBy(candidate => candidate.ModelRank)
            .ThenBy(candidate => candidate.Entity.Start);
        var kept = new List<JsEntity>();
        foreach (var (entity, _) in ranked)
        {
            if (!kept.Any(other => entity.Start < other.End && other.Start < entity.End))
            {
                kept.Add(entity);
            }
        }

        kept.Sort((a, b) => a.Start.CompareTo(b.Start));
        return kept;
    }
}
