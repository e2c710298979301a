namespace LabelStudio.ML;

/// <summary>
/// The per-project key/value store behind <see cref="ProjectState"/>: string values keyed by project id and key,
/// shared by every model instance of the process (SQLite by default; Redis for several replicas).
/// </summary>
/// <remarks>
/// Implementations must be thread-safe and must never serve a value older than the last completed write,
/// from any process that shares the store. Both synchronous and asynchronous members exist because model
/// code reads small values on hot paths where an async hop costs more than the read.
/// </remarks>
public interface IStateStore
{
    /// <summary>Returns the value stored for <paramref name="key"/> of <paramref name="projectId"/>, or <see langword="null"/>.</summary>
    string? Get(string projectId, string key);

    /// <summary>Stores <paramref name="value"/>, replacing any earlier value.</summary>
    void Set(string projectId, string key, string value);

    /// <summary>Removes the value; returns whether one was stored.</summary>
    bool Remove(string projectId, string key);

    /// <summary>Every key and value stored for <paramref name="projectId"/>.</summary>
    IReadOnlyDictionary<string, string> GetAll(string projectId);

    /// <summary>Asynchronous <see cref="Get"/>.</summary>
    ValueTask<string?> GetAsync(string projectId, string key, CancellationToken cancellationToken = default);

    /// <summary>Asynchronous <see cref="Set"/>.</summary>
    ValueTask SetAsync(string projectId, string key, string value, CancellationToken cancellationToken = default);

    /// <summary>Asynchronous <see cref="Remove"/>.</summary>
    ValueTask<bool> RemoveAsync(string projectId, string key, CancellationToken cancellationToken = default);
}
