using System.Collections.Concurrent;

namespace LabelStudio.ML;

/// <summary>
/// A project's model files, one folder per model version under <c>$MODEL_DIR/&lt;project&gt;/</c>. A training job
/// writes a new version into an <see cref="ArtifactDraft"/>; <see cref="ArtifactDraft.Commit"/> moves it into place
/// and switches the project's model version in one step, so predictions see either the old files and version or the
/// new ones, never a half-written model.
/// </summary>
public sealed class ArtifactStore
{
    internal const string DraftPrefix = ".draft-";
    private static readonly ConcurrentDictionary<string, object> CommitLocks = new(StringComparer.Ordinal);
    private readonly ModelContext _context;
    private readonly ProjectState _state;
    private readonly int _versionsKept;
    private readonly string _modelDir;
    private string? _projectDirectory;

    internal ArtifactStore(string modelDir, ModelContext context, int versionsKept)
    {
        _context = context;
        _state = context.State;
        _versionsKept = versionsKept;
        _modelDir = modelDir;
    }

    /// <summary>The project's folder, <c>$MODEL_DIR/&lt;project&gt;</c>.</summary>
    // Worked out on first use: most requests never touch model files.
    public string ProjectDirectory => _projectDirectory ??= Path.GetFullPath(Path.Combine(_modelDir, SafeFileNames.ForProject(_context.ProjectId)));

    /// <summary>The folder of the model version this request works with, or <see langword="null"/> if it has no files (not trained yet).</summary>
    public string? CurrentDirectory => _context.CurrentVersion() is { } version ? GetDirectory(version) : null;

    /// <summary>The folder of <paramref name="version"/>, or <see langword="null"/> if that version has no files.</summary>
    public string? GetDirectory(string version)
    {
        ArgumentException.ThrowIfNullOrEmpty(version);
        var directory = Path.Combine(ProjectDirectory, SafeFileNames.ForVersion(version));
        return Directory.Exists(directory) ? directory : null;
    }

    /// <summary>The versions that have files, newest first.</summary>
    public IReadOnlyList<string> ListVersionDirectories() => !Directory.Exists(ProjectDirectory)
        ? []
        : [.. new DirectoryInfo(ProjectDirectory).GetDirectories()
            .Where(directory => !directory.Name.StartsWith(DraftPrefix, StringComparison.Ordinal))
            .OrderByDescending(directory => directory.LastWriteTimeUtc)
            .Select(directory => directory.FullName)];

    /// <summary>Starts a new version: an empty folder to write the model files into. Dispose it unless committed.</summary>
    public ArtifactDraft CreateDraft()
    {
        var directory = Path.Combine(ProjectDirectory, DraftPrefix + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        return new ArtifactDraft(this, directory);
    }

    /// <summary>Removes drafts that a killed process left behind under <paramref name="modelDir"/>.</summary>
    internal static int RemoveAbandonedDrafts(string modelDir)
    {
        if (!Directory.Exists(modelDir))
        {
            return 0;
        }

        var removed = 0;
        foreach (var project in Directory.EnumerateDirectories(modelDir))
        {
            foreach (var draft in Directory.EnumerateDirectories(project, DraftPrefix + "*"))
            {
                Directory.Delete(draft, recursive: true);
                removed++;
            }
        }

        return removed;
    }

    internal string Commit(string draftDirectory, string? version)
    {
        // One commit per project at a time in this process; jobs already run one at a time per project.
        lock (CommitLocks.GetOrAdd(ProjectDirectory, _ => new object()))
        {
            var current = _state.Get(StateKeys.ModelVersion);
            version ??= ModelVersions.Bump(current);
            if (string.Equals(version, current, StringComparison.Ordinal) && GetDirectory(version) is not null)
            {
                throw new InvalidOperationException(
                    $"Version '{version}' is the current version of project '{_state.ProjectId}' and has files; commit under a new version.");
            }

            var target = Path.Combine(ProjectDirectory, SafeFileNames.ForVersion(version));
            if (Directory.Exists(target))
            {
                // Files of a version that never became current (a crash between move and switch): replace them.
                Directory.Delete(target, recursive: true);
            }

            Directory.Move(draftDirectory, target);
            // The folder's time orders versions: it is set once, here, and nothing writes into a committed version.
            Directory.SetLastWriteTimeUtc(target, DateTime.UtcNow);
            _state.Set(StateKeys.ModelVersion, version);
            _context.VersionChanged(version);
            RemoveOldVersions(target);
            return version;
        }
    }

    private void RemoveOldVersions(string current)
    {
        var projectFolder = SafeFileNames.ForProject(_context.ProjectId);
        foreach (var old in ListVersionDirectories().Where(d => d != current).Skip(_versionsKept - 1))
        {
            if (ArtifactLeases.IsInUse(ArtifactLeases.Key(_modelDir, projectFolder, Path.GetFileName(old))))
            {
                // A request still reads it; a later commit removes it.
                continue;
            }

            try
            {
                Directory.Delete(old, recursive: true);
            }
            catch (IOException)
            {
                // A request may still be reading it; the next commit tries again.
            }
            catch (UnauthorizedAccessException)
            {
                // Likewise on platforms that lock open files.
            }
        }
    }
}
