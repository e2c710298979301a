namespace LabelStudio.ML;

/// <summary>
/// A model version being written: write files into <see cref="Directory"/>, then <see cref="Commit"/>. Until then
/// nothing of it is visible; disposed without a commit (a failed or cancelled fit), it is deleted.
/// </summary>
public sealed class ArtifactDraft : IDisposable
{
    private readonly ArtifactStore _store;
    private bool _done;

    internal ArtifactDraft(ArtifactStore store, string directory)
    {
        _store = store;
        Directory = directory;
    }

    /// <summary>The folder to write the new version's files into.</summary>
    public string Directory { get; }

    /// <summary>
    /// Moves the files into place as the project's new model version and makes it current, in one step; returns the
    /// version. Without <paramref name="version"/>, the current version is bumped (<c>0.0.1 → 0.1.0</c>).
    /// </summary>
    public string Commit(string? version = null)
    {
        ObjectDisposedException.ThrowIf(_done, this);
        var committed = _store.Commit(Directory, version);
        _done = true;
        return committed;
    }

    /// <summary>Deletes the draft unless it was committed.</summary>
    public void Dispose()
    {
        if (_done)
        {
            return;
        }

        _done = true;
        if (System.IO.Directory.Exists(Directory))
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
    }
}
