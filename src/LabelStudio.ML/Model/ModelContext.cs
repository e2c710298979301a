using Microsoft.Extensions.Logging;

namespace LabelStudio.ML;

/// <summary>What a model instance is bound to for one request.</summary>
internal sealed class ModelContext
{
    public ModelContext(string projectId, ProjectState state, string? labelConfigXml, ILogger logger, string modelDir, int versionsKept)
    {
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

    /// <summary>Fixes the version for the rest of the request.</summary>
    public void PinVersion()
    {
        PinnedVersion = StoredVersion();
        IsVersionPinned = true;
    }

    /// <summary>The request itself changed the version (a commit or <c>SetModelVersion</c>): it works with the new one from now on.</summary>
    public void VersionChanged(string version)
    {
        if (IsVersionPinned)
        {
            PinnedVersion = version;
        }
    }

    private string? StoredVersion() => State.Get(StateKeys.ModelVersion) is { Length: > 0 } version ? version : null;
}
