using System.Globalization;
using System.Text.Json.Nodes;

namespace LabelStudio.ML.Examples.Text;

/// <summary>
/// What a training call learns from, gathered from its events: on <c>START_TRAINING</c> every annotated task of the
/// project, listed from Label Studio (the stored examples are then replaced); on annotation events the tasks they
/// name, with their annotation, or without one when it was skipped; and the annotation ids that were deleted.
/// </summary>
public sealed class TrainingInput
{
    private TrainingInput(bool replaceAll, List<(LabelStudioTask Task, JsonObject? Annotation)> tasks, HashSet<long> deletedAnnotations)
    {
        ReplaceAll = replaceAll;
        Tasks = tasks;
        DeletedAnnotations = deletedAnnotations;
    }

    /// <summary>Whether <see cref="Tasks"/> is the whole project (START_TRAINING), so earlier examples are dropped.</summary>
    public bool ReplaceAll { get; }

    /// <summary>
    /// Tasks with their latest usable annotation, in event order; <see langword="null"/> for a task whose annotation was
    /// skipped (<c>was_cancelled</c>), whose example is then removed.
    /// </summary>
    public IReadOnlyList<(LabelStudioTask Task, JsonObject? Annotation)> Tasks { get; }

    /// <summary>Ids of annotations deleted in Label Studio.</summary>
    public IReadOnlySet<long> DeletedAnnotations { get; }

    /// <summary>Gathers the input of <paramref name="trainingEvent"/> and the events folded into it.</summary>
    /// <exception cref="TaskDataException">START_TRAINING without a reachable Label Studio (LABEL_STUDIO_URL/API_KEY).</exception>
    public static async Task<TrainingInput> GatherAsync(TrainingEvent trainingEvent, LabelStudioClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(trainingEvent);
        ArgumentNullException.ThrowIfNull(client);
        var events = trainingEvent.FoldedEvents;
        var tasks = new List<(LabelStudioTask, JsonObject?)>();
        var deleted = new HashSet<long>();
        var replaceAll = events.Any(e => e.Action == TrainingEvent.StartTraining);
        if (replaceAll)
        {
            var projectId = long.Parse(trainingEvent.ProjectId, NumberStyles.Integer, CultureInfo.InvariantCulture);
            await foreach (var task in client.ListTasksAsync(projectId, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                if (AnnotationResults.Latest(task) is { } annotation)
                {
                    tasks.Add((task, annotation));
                }
            }

            return new TrainingInput(true, tasks, deleted);
        }

        foreach (var e in events)
        {
            switch (e.Action)
            {
                case TrainingEvent.AnnotationCreated or TrainingEvent.AnnotationUpdated when e.Task is { Id: not null } task && e.Annotation is { } annotation:
                    tasks.Add((task, AnnotationResults.IsUsable(annotation) ? annotation : null));
                    break;
                case TrainingEvent.AnnotationDeleted when (e.Annotation?["id"]) is JsonValue id && id.TryGetValue<long>(out var one):
                    deleted.Add(one);
                    break;
                case TrainingEvent.AnnotationsDeleted when e.Data["annotations"] is JsonArray annotations:
                    foreach (var item in annotations.OfType<JsonObject>())
                    {
                        if (item["id"] is JsonValue value && value.TryGetValue<long>(out var many))
                        {
                            deleted.Add(many);
                        }
                    }

                    break;
            }
        }

        return new TrainingInput(false, tasks, deleted);
    }
}
