namespace LabelStudio.ML.Examples.Vision;

/// <summary>
/// The most recently used image embeddings, keyed by the image's hash, so that the second and later clicks on an
/// image skip the encoder (the expensive half of SAM). Bounded by a count and by bytes; the least recently used
/// entry goes first. Concurrent requests for an image that is not cached yet share one encoder run.
/// </summary>
/// <typeparam name="T">What is cached.</typeparam>
public sealed class EmbeddingCache<T>(int maxEntries, long maxBytes, Func<T, long> sizeOf)
    where T : class
{
    private readonly object _gate = new();
    private readonly LinkedList<(string Key, T Value, long Bytes)> _order = [];
    private readonly Dictionary<string, LinkedListNode<(string Key, T Value, long Bytes)>> _entries = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Lazy<T>> _pending = new(StringComparer.Ordinal);
    private long _bytes;

    /// <summary>How many entries are cached now.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>How many bytes the cached entries take, as <c>sizeOf</c> counts them.</summary>
    public long Bytes
    {
        get
        {
            lock (_gate)
            {
                return _bytes;
            }
        }
    }

    /// <summary>The cached value of <paramref name="key"/>, or the one <paramref name="create"/> makes (then cached).</summary>
    /// <returns>The value.</returns>
    public T GetOrAdd(string key, Func<T> create)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(create);
        Lazy<T> pending;
        lock (_gate)
        {
            if (_entries.TryGetValue(key, out var node))
            {
                _order.Remove(node);
                _order.AddFirst(node);
                return node.Value.Value;
            }

            if (!_pending.TryGetValue(key, out pending!))
            {
                pending = new Lazy<T>(create, LazyThreadSafetyMode.ExecutionAndPublication);
                _pending[key] = pending;
            }
        }

        T value;
        try
        {
            value = pending.Value;
        }
        finally
        {
            lock (_gate)
            {
                if (_pending.TryGetValue(key, out var current) && ReferenceEquals(current, pending))
                {
                    _pending.Remove(key);
                }
            }
        }

        Add(key, value);
        return value;
    }

    private void Add(string key, T value)
    {
        var bytes = sizeOf(value);
        lock (_gate)
        {
            if (_entries.ContainsKey(key) || maxEntries <= 0 || bytes > maxBytes)
            {
                return;
            }

            while (_entries.Count >= maxEntries || (_entries.Count > 0 && _bytes + bytes > maxBytes))
            {
                var last = _order.Last!;
                _order.RemoveLast();
                _entries.Remove(last.Value.Key);
                _bytes -= last.Value.Bytes;
            }

            _entries[key] = _order.AddFirst((key, value, bytes));
            _bytes += bytes;
        }
    }
}
