using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace LabelStudio.ML;

/// <summary>
/// The base class of a model served to Label Studio. Derive from it, override <see cref="PredictAsync"/> (and
/// <see cref="FitAsync"/> for a model that learns), and register it with
/// <c>builder.Services.AddLabelStudioMLBackend&lt;TModel&gt;()</c>.
/// </summary>
/// <remarks>
/// The server creates one instance per <c>/setup</c>, <c>/predict</c> and training event, bound to the project of
/// that request, and drops it afterwards; constructor parameters come from dependency injection. Keep weights,
/// tokenizers and sessions in singletons injected through the constructor, never in fields built per instance.
/// </remarks>
public abstract class LabelStudioModel
{
    private ModelContext? _context;
    private LabelConfig? _config;
    private TaskData? _taskData;

    /// <summary>The project this instance serves (<c>"7"</c> for project uid <c>"7.1712586036"</c>).</summary>
    public string ProjectId => Context.ProjectId;

    /// <summary>The project's persistent key/value state.</summary>
    public ProjectState State => Context.State;

    /// <summary>The label config XML: the one of this request, else the one stored for the project.</summary>
    public string? LabelConfigXml => Context.LabelConfigXml ?? State.Get(StateKeys.LabelConfig);

    /// <summary>Whether a label config is available (<see cref="Config"/> would not throw for lack of one).</summary>
    public bool HasConfig => LabelConfigXml is not null;

    /// <summary>The parsed label config: its controls, objects and labels, <c>FirstTag</c> and <c>BuildLabelMap</c>.</summary>
    /// <exception cref="LabelConfigException">No label config was sent or stored for the project.</exception>
    public LabelConfig Config => _config ??= LabelConfigXml is { } xml
        ? LabelConfigCache.Shared.Parse(xml)
        : throw new LabelConfigException($"No label config is known for project '{ProjectId}': Label Studio sent none and none is stored.");

    /// <summary>The stored <c>parsed_label_config</c> (the original SDK's dictionary form of the label config).</summary>
    public JsonObject ParsedLabelConfig => State.Get(StateKeys.ParsedLabelConfig) is { } text
        ? JsonNode.Parse(text) as JsonObject ?? []
        : HasConfig ? Config.ToParsedConfig() : [];

    /// <summary>
    /// The model version this request works with (<see langword="null"/> if none is stored), stamped onto predictions
    /// that carry none. It is read when the model is set up and stays fixed for the request (unless the model itself
    /// changes it), so a training job switching versions meanwhile cannot mix versions within one answer.
    /// </summary>
    public string? ModelVersion => Context.CurrentVersion();

    /// <summary>
    /// The project's model files under <c>$MODEL_DIR/&lt;project&gt;/&lt;version&gt;/</c>: read the current version's
    /// files in <c>PredictAsync</c>, write a new version in <c>FitAsync</c> through a draft that switches atomically.
    /// </summary>
    public ArtifactStore Artifacts => Context.Artifacts;

    /// <summary>
    /// The backend's "extra params" from Label Studio's model settings, decoded as a JSON object (<c>{}</c> when none were set).
    /// </summary>
    /// <exception cref="AnswerException">422: the stored text is not JSON (the labeling team must fix it in Label Studio).</exception>
    public JsonObject ExtraParams
    {
        get
        {
            var text = State.Get(StateKeys.ExtraParams);
            if (string.IsNullOrEmpty(text))
            {
                return [];
            }

            try
            {
                return JsonNode.Parse(text) as JsonObject ?? [];
            }
            catch (JsonException ex)
            {
                throw new AnswerException(
                    422,
                    $"The extra params of this backend in Label Studio are not JSON ({ex.Message.Split(" Path:")[0]}); correct them under Settings → Model.",
                    ex);
            }
        }
    }

    /// <summary>
    /// Reads task media (uploads, local-files and cloud storage, URLs) with one call:
    /// <c>await TaskData.ReadTextAsync(url, task.Id, cancellationToken)</c>. Configured by <c>LABEL_STUDIO_URL</c> and
    /// <c>LABEL_STUDIO_API_KEY</c>.
    /// </summary>
    public TaskData TaskData => _taskData ?? throw new InvalidOperationException(
        $"{GetType().Name} has no TaskData: models get it from the backend (AddLabelStudioMLBackend), not with 'new'.");

    /// <summary>A logger named after the model class.</summary>
    public ILogger Logger => _context?.Logger ?? NullLogger.Instance;

    private ModelContext Context => _context ?? throw new InvalidOperationException(
        $"{GetType().Name} is not bound to a project: models are created by the backend for each request, not with 'new'.");

    /// <summary>Stores <paramref name="version"/> as the model version of the project.</summary>
    public void SetModelVersion(string version)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(version);
        State.Set(StateKeys.ModelVersion, version);
        Context.VersionChanged(version);
    }

    /// <summary>
    /// Moves the model version on (<c>0.0.1 → 0.1.0</c>; <c>my-model → my-model.1</c>), stores and returns it.
    /// Call it when the weights change so that Label Studio asks for new predictions.
    /// </summary>
    public string BumpModelVersion()
    {
        var next = ModelVersions.Bump(ModelVersion);
        SetModelVersion(next);
        return next;
    }

    /// <summary>
    /// Runs after the instance is bound to its project, in every request; set a custom model version or read
    /// <see cref="ExtraParams"/> here. Keep it fast: Label Studio gives <c>/setup</c> 3 seconds.
    /// </summary>
    public virtual Task SetupAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Prepares a model version before predictions switch to it: load the files of
    /// <see cref="ArtifactStore.CurrentDirectory"/> into the process's cache (a singleton) here. Runs in the background
    /// when a version appears — committed by a training job in this process, or announced by another replica — and,
    /// for a project's first prediction, before it. Until it completes, predictions keep using the version that was
    /// ready before. Override it only for a model that loads something per version; by default nothing waits.
    /// </summary>
    public virtual Task WarmUpAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Predicts regions for the request's tasks. Return one prediction per task, in order (an empty prediction for a
    /// task the model cannot handle), or <see langword="null"/> for none at all.
    /// </summary>
    public virtual Task<ModelResponse?> PredictAsync(PredictRequest request, CancellationToken cancellationToken) =>
        Task.FromResult<ModelResponse?>(null);

    /// <summary>
    /// Learns from a training event. The return value (anything JSON-serializable, or <see langword="null"/>)
    /// is reported back as the event's <c>result</c>.
    /// </summary>
    public virtual Task<object?> FitAsync(TrainingEvent trainingEvent, CancellationToken cancellationToken) =>
        Task.FromResult<object?>(null);

    internal void Bind(ModelContext context) => _context = context;

    /// <summary>Fixes <see cref="ModelVersion"/> for the rest of the request.</summary>
    internal void PinVersion(string? knownVersion = null) => Context.PinVersion(knownVersion);

    internal void ReleaseContext() => _context?.ReleaseLeases();

    internal void BindTaskData(TaskData? taskData) => _taskData = taskData;
}
