using Microsoft.Extensions.Logging;

namespace LabelStudio.ML;

/// <summary>What a model instance is bound to for one request.</summary>
internal sealed class ModelContext
{
    private readonly string _modelDir;
    private readonly List<string> _leases = [];

    private readonly Action<string>? _versionCommitted;

    public ModelContext(string projectId, ProjectState state, string? labelConfigXml, ILogger logger, string modelDir, int versionsKept, Action<string>? versionCommitted = null)
    {
        _versionCommitted = versionCommitted;
        _modelDir = modelDir;
        ProjectId = projectId;
        State = state;
        LabelConfigXml = labelConfigXml;
        Logger = logger;
        Artifacts = new ArtifactStore(modelDir, this, versionsKept);
    }

    public string ProjectId { get; }

    public ProjectState State { get; }

    public string? LabelConfigXml { get; }

    public ILogger Logger { get; }

    public ArtifactStore Artifacts { get; }

    /// <summary>
    /// The model version this request works with, fixed once the model is set up, so that a training job that
    /// switches versions mid-request cannot make a prediction carry another version than the model it came from.
    /// <see langword="null"/> until then: reads go to the store.
    /// </summary>
    public string? PinnedVersion { get; private set; }

    public bool IsVersionPinned { get; private set; }

    /// <summary>The version this request works with: the pinned one, or the stored one before pinning.</summary>
    public string? CurrentVersion() => IsVersionPinned ? PinnedVersion : StoredVersion();

    /// <summary>Fixes the version for the rest of the request: <paramref name="version"/>, known to be current, or the stored one.</summary>
    public void PinVersion(string? version = null)
    {
        PinnedVersion = version ?? StoredVersion();
        IsVersionPinned = true;
        Lease(PinnedVersion);
    }

    /// <summary>The request itself changed the version (a commit or <c>SetModelVersion</c>): it works with the new one from now on.</summary>
    public void VersionChanged(string version)
    {
        if (IsVersionPinned)
        {
            // The request works with the new version from here on; the one it began with may go.
            ReleaseLeases();
            PinnedVersion = version;
            Lease(version);
        }

        _versionCommitted?.Invoke(version);
    }

    /// <summary>Lets old versions this request worked with be removed again.</summary>
    public void ReleaseLeases()
    {
        lock (_leases)
        {
            foreach (var key in _leases)
            {
                ArtifactLeases.Release(key);
            }

            _leases.Clear();
        }
    }

    private void Lease(string? version)
    {
        if (version is null)
        {
            return;
        }

        var key = ArtifactLeases.Key(_modelDir, SafeFileNames.ForProject(ProjectId), SafeFileNames.ForVersion(version));
        ArtifactLeases.Acquire(key);
        lock (_leases)
        {
            _leases.Add(key);
        }
    }

    private string? StoredVersion() => State.Get(StateKeys.ModelVersion) is { Length: > 0 } version ? version : null;
}
