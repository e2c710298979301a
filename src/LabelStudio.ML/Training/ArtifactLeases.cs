using System.Collections.Concurrent;

namespace LabelStudio.ML;

/// <summary>
/// Which model versions requests of this process are working with right now: removing old versions skips them, so a
/// request that began before a training job switched versions reads its files to the end.
/// </summary>
internal static class ArtifactLeases
{
    private static readonly ConcurrentDictionary<string, int> InUse = new(StringComparer.Ordinal);

    /// <summary>The lease key of a version: the model folder, the project's folder name and the version's folder name.</summary>
    public static string Key(string modelDir, string projectFolder, string versionFolder) =>
        string.Join('\u001f', modelDir, projectFolder, versionFolder);

    public static void Acquire(string key) => InUse.AddOrUpdate(key, 1, (_, count) => count + 1);

    public static void Release(string key)
    {
        while (InUse.TryGetValue(key, out var count))
        {
            if (count <= 1 ? InUse.TryRemove(new KeyValuePair<string, int>(key, count)) : InUse.TryUpdate(key, count - 1, count))
            {
                return;
            }
        }
    }

    public static bool IsInUse(string key) => InUse.ContainsKey(key);
}
