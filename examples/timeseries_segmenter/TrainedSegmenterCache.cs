using System.Collections.Concurrent;

namespace TimeseriesSegmenter;

/// <summary>
/// The loaded models, one per project and version: a version is read from disk once, by the first request that
/// needs it, and kept until a newer version of the same project is loaded.
/// </summary>
public sealed class TrainedSegmenterCache
{
    private readonly ConcurrentDictionary<string, (string Version, Lazy<TrainedSegmenter> Model)> _byProject = new(StringComparer.Ordinal);

    internal TrainedSegmenter Get(string projectDirectory, string version, string versionDirectory)
    {
        var entry = _byProject.AddOrUpdate(
            projectDirectory,
            _ => (version, Loader(versionDirectory)),
            (_, current) => current.Version == version ? current : (version, Loader(versionDirectory)));
        return entry.Model.Value;
    }

    private static Lazy<TrainedSegmenter> Loader(string versionDirectory) =>
        new(() => TrainedSegmenter.Load(versionDirectory), LazyThreadSafetyMode.ExecutionAndPublication);
}
