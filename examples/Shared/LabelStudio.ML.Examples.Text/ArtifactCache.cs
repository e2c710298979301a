using System.Collections.Concurrent;

namespace LabelStudio.ML.Examples.Text;

/// <summary>
/// Loaded model files by the folder of their version: a version's files never change once committed, so each is
/// read once per process and shared by every request. A singleton.
/// </summary>
public sealed class ArtifactCache<T>
    where T : class
{
    private readonly ConcurrentDictionary<string, Lazy<T>> _loaded = new(StringComparer.Ordinal);

    /// <summary>The object loaded from <paramref name="directory"/>, loading it with <paramref name="load"/> the first time.</summary>
    public T Get(string directory, Func<string, T> load)
    {
        ArgumentNullException.ThrowIfNull(load);
        if (_loaded.Count > 64)
        {
            // Old versions are deleted on disk; forget them here too rather than grow without bound.
            foreach (var gone in _loaded.Keys.Where(key => !Directory.Exists(key)))
            {
                _loaded.TryRemove(gone, out _);
            }
        }

        return _loaded.GetOrAdd(directory, key => new Lazy<T>(() => load(key))).Value;
    }
}
