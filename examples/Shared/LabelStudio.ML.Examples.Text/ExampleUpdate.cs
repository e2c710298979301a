using System.Globalization;
using System.Text.Json.Nodes;

namespace LabelStudio.ML.Examples.Text;

/// <summary>
/// Applies a training call's input to a project's stored examples and counts the changes since the last training:
/// START_TRAINING replaces every example; an annotated task adds or replaces its example; a skipped annotation, or
/// one the converter turns into nothing, removes it; deleted annotations remove theirs. The count of changes not yet
/// trained on is kept in the project's state under a key of the example's own.
/// </summary>
public sealed class ExampleUpdate<T>
    where T : class, IAnnotatedExample
{
    private readonly ProjectState _state;
    private readonly string _pendingKey;

    private ExampleUpdate(ExampleStore<T> store, TrainingInput input, ProjectState state, string pendingKey, int changes)
    {
        Store = store;
        Input = input;
        _state = state;
        _pendingKey = pendingKey;
        Changes = changes;
    }

    /// <summary>The updated (and saved) examples.</summary>
    public ExampleStore<T> Store { get; }

    /// <summary>What the training call brought.</summary>
    public TrainingInput Input { get; }

    /// <summary>Changes since the last training, this call's included.</summary>
    public int Changes { get; }

    /// <summary>
    /// Gathers <paramref name="trainingEvent"/>'s input and applies it to the store <paramref name="fileName"/> of the
    /// project. <paramref name="toExamples"/> turns the annotated tasks into examples in one batch (<see langword="null"/>
    /// for a task that no longer teaches anything).
    /// </summary>
    public static async Task<ExampleUpdate<T>> ApplyAsync(
        TrainingEvent trainingEvent,
        LabelStudioClient labelStudio,
        string projectDirectory,
        string fileName,
        ProjectState state,
        string pendingKey,
        Func<IReadOnlyList<(LabelStudioTask Task, JsonObject Annotation)>, CancellationToken, Task<IReadOnlyList<T?>>> toExamples,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(toExamples);
        var input = await TrainingInput.GatherAsync(trainingEvent, labelStudio, cancellationToken).ConfigureAwait(false);
        var store = ExampleStore<T>.Open(projectDirectory, fileName);
        if (input.ReplaceAll)
        {
            store.Examples.Clear();
        }

        var changes = int.Parse(state.Get(pendingKey) ?? "0", CultureInfo.InvariantCulture);
        var annotated = new List<(LabelStudioTask Task, JsonObject Annotation)>();
        foreach (var (task, annotation) in input.Tasks)
        {
            if (annotation is null)
            {
                changes += store.Examples.Remove(task.Id!.Value) ? 1 : 0;
            }
            else
            {
                annotated.Add((task, annotation));
            }
        }

        var examples = await toExamples(annotated, cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < annotated.Count; i++)
        {
            var taskId = annotated[i].Task.Id!.Value;
            if (examples[i] is { } example)
            {
                store.Examples[taskId] = example;
                changes++;
            }
            else
            {
                // Emptied or without a result of this control: whatever the task taught before no longer holds.
                changes += store.Examples.Remove(taskId) ? 1 : 0;
            }
        }

        foreach (var deleted in store.Examples.Where(pair => pair.Value.AnnotationId is { } id && input.DeletedAnnotations.Contains(id)).Select(pair => pair.Key).ToList())
        {
            changes += store.Examples.Remove(deleted) ? 1 : 0;
        }

        store.Save();
        return new ExampleUpdate<T>(store, input, state, pendingKey, changes);
    }

    /// <summary>Whether to train now: always on START_TRAINING, else after <paramref name="trainEvery"/> changes.</summary>
    public bool IsDue(int trainEvery) => Input.ReplaceAll || Changes >= trainEvery;

    /// <summary>Keeps the count for the next call (training was not done).</summary>
    public void Defer() => _state.Set(_pendingKey, Changes.ToString(CultureInfo.InvariantCulture));

    /// <summary>Starts counting again (training was done).</summary>
    public void Trained() => _state.Set(_pendingKey, "0");
}
