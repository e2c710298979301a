using System.Collections.Concurrent;

namespace SklearnTextClassifier;

/// <summary>
/// The loaded models, one per project and version: a version is read from disk once, by the first request that
/// needs it, and kept until a newer version of the same project is loaded.
/// </summary>
public sealed class TrainedClassifierCache
{
    private readonly ConcurrentDictionary<string, (string Version, Lazy<TrainedClassifier> Model)> _byProject = new(StringComparer.Ordinal);

    internal TrainedClassifier Get(string projectDirectory, string version, string versionDirectory)
    {
        var entry = _byProject.AddOrUpdate(
            projectDirectory,
            _ => (version, Loader(versionDirectory)),
            (_, current) => current.Version == version ? current : (version, Loader(versionDirectory)));
        return entry.Model.Value;
    }

    private static Lazy<TrainedClassifier> Loader(string versionDirectory) => new(
        () => TrainedClassifier.Load(Path.Combine(versionDirectory, TextClassifierTrainer.ModelFile)),
        LazyThreadSafetyMode.ExecutionAndPublication);
}
