using System.Text.Json.Nodes;

namespace LabelStudio.ML;

/// <summary>
/// A webhook event that trains the model: an annotation created, updated or deleted, or "Start Training"
/// pressed in Label Studio (SPEC §2.4, §4.9).
/// </summary>
public sealed class TrainingEvent
{
    /// <summary>An annotation was submitted.</summary>
    public const string AnnotationCreated = "ANNOTATION_CREATED";

    /// <summary>An annotation was changed.</summary>
    public const string AnnotationUpdated = "ANNOTATION_UPDATED";

    /// <summary>An annotation was deleted (the singular form; current Label Studio sends the plural one).</summary>
    public const string AnnotationDeleted = "ANNOTATION_DELETED";

    /// <summary>Annotations were deleted; the payload holds only their ids.</summary>
    public const string AnnotationsDeleted = "ANNOTATIONS_DELETED";

    /// <summary>"Start Training" was pressed in the model settings.</summary>
    public const string StartTraining = "START_TRAINING";

    private static readonly HashSet<string> TrainingActions =
        [AnnotationCreated, AnnotationUpdated, AnnotationDeleted, AnnotationsDeleted, StartTraining];

    private readonly Action<double, string?>? _progress;

    internal TrainingEvent(string action, string projectId, JsonObject data)
        : this(action, projectId, data, jobId: null, folded: null, progress: null)
    {
    }

    internal TrainingEvent(string action, string projectId, JsonObject data, string? jobId, IReadOnlyList<TrainingEvent>? folded, Action<double, string?>? progress)
    {
        Action = action;
        ProjectId = projectId;
        Data = data;
        JobId = jobId;
        FoldedEvents = folded ?? [this];
        _progress = progress;
    }

    /// <summary>Whether <paramref name="action"/> is one of the events that reach <c>FitAsync</c> (exact, case-sensitive).</summary>
    public static bool IsTrainingAction(string action) => TrainingActions.Contains(action);

    /// <summary>The event name, e.g. <see cref="AnnotationCreated"/>.</summary>
    public string Action { get; }

    /// <summary>The project id (<c>project.id</c> of the payload) as a string.</summary>
    public string ProjectId { get; }

    /// <summary>The webhook body without <c>action</c>: <c>annotation</c>, <c>task</c>, <c>project</c>, … as Label Studio sent them.</summary>
    public JsonObject Data { get; }

    /// <summary>The project record (<c>id</c>, <c>label_config</c>, counters, …).</summary>
    public JsonObject? Project => Data["project"] as JsonObject;

    /// <summary>The annotation of an annotation event.</summary>
    public JsonObject? Annotation => Data["annotation"] as JsonObject;

    /// <summary>The task of an annotation event.</summary>
    public LabelStudioTask? Task => Data["task"] is JsonObject task ? new LabelStudioTask(task) : null;

    /// <summary>The training job this event runs in (<see langword="null"/> in <c>TRAINING_MODE=sync</c>).</summary>
    public string? JobId { get; }

    /// <summary>
    /// Every event the job folded together, in the order they arrived; this event is the last of them. A burst of
    /// annotations arrives as one call with all of them here, so learn from each and save once.
    /// </summary>
    public IReadOnlyList<TrainingEvent> FoldedEvents { get; }

    /// <summary>Reports how far training is (0 to 1) with an optional note; shown in the job's status and logged.</summary>
    public void ReportProgress(double fraction, string? message = null)
    {
        if (!double.IsFinite(fraction))
        {
            throw new ArgumentOutOfRangeException(nameof(fraction), fraction, "Progress must be a number from 0 to 1.");
        }

        _progress?.Invoke(Math.Clamp(fraction, 0, 1), message);
    }
}
