namespace LabelStudio.ML;

/// <summary>
/// The state of one project: string values by key, persisted in the process's <see cref="IStateStore"/>
/// (by default <c>$MODEL_DIR/cache.db</c>). Reads go through to the store, so a value written by another
/// request or replica is seen at once.
/// </summary>
public sealed class ProjectState
{
    private readonly IStateStore _store;

    internal ProjectState(IStateStore store, string projectId)
    {
        _store = store;
        ProjectId = projectId;
    }

    /// <summary>The project this state belongs to (<c>""</c> for a model built without a project).</summary>
    public string ProjectId { get; }

    /// <summary>How many writes went through this instance: lets the server skip re-reading what nothing changed.</summary>
    internal int Writes => Volatile.Read(ref _writes);

    private int _writes;

    /// <summary>The value stored under <paramref name="key"/>, or <see langword="null"/>.</summary>
    public string? Get(string key) => _store.Get(ProjectId, ValidKey(key));

    /// <summary>Stores <paramref name="value"/> under <paramref name="key"/>.</summary>
    public void Set(string key, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        _store.Set(ProjectId, ValidKey(key), value);
        Interlocked.Increment(ref _writes);
    }

    /// <summary>Whether a value is stored under <paramref name="key"/>.</summary>
    public bool Has(string key) => Get(key) is not null;

    /// <summary>Removes the value under <paramref name="key"/>; returns whether there was one.</summary>
    public bool Remove(string key)
    {
        Interlocked.Increment(ref _writes);
        return _store.Remove(ProjectId, ValidKey(key));
    }

    /// <summary>Asynchronous <see cref="Get"/>.</summary>
    public ValueTask<string?> GetAsync(string key, CancellationToken cancellationToken = default) =>
        _store.GetAsync(ProjectId, ValidKey(key), cancellationToken);

    /// <summary>Asynchronous <see cref="Set"/>.</summary>
    public ValueTask SetAsync(string key, string value, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(value);
        Interlocked.Increment(ref _writes);
        return _store.SetAsync(ProjectId, ValidKey(key), value, cancellationToken);
    }

    /// <summary>Asynchronous <see cref="Remove"/>.</summary>
    public ValueTask<bool> RemoveAsync(string key, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _writes);
        return _store.RemoveAsync(ProjectId, ValidKey(key), cancellationToken);
    }

    private static string ValidKey(string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        return key;
    }
}
