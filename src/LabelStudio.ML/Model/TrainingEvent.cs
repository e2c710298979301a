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

    internal TrainingEvent(string action, string projectId, JsonObject data)
    {
        Action = action;
        ProjectId = projectId;
        Data = data;
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
}
