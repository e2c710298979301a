using System.Text.Json.Nodes;

namespace LabelStudio.ML;

/// <summary>
/// What <c>Predict</c> returns: one entry per input task, in task order (SPEC §2.3, §6.1), plus the model
/// version stamped into predictions that carry none.
/// </summary>
/// <remarks>
/// Label Studio matches entries to tasks by position and stores nothing when the counts differ, so return
/// exactly one entry per task. A response made by <see cref="FromJson"/> is sent as it is instead.
/// </remarks>
public sealed class ModelResponse
{
    // Pass-through responses skip the typed conversion and version stamping; their JSON may itself be null.
    private readonly bool isPassThrough;
    private readonly JsonNode? passThrough;

    /// <summary>Creates a response with one prediction per task, in task order.</summary>
    /// <param name="predictions">The predictions, the i-th for the i-th task.</param>
    /// <param name="modelVersion">Version stamped into predictions without their own; when null or empty the project's stored version is used.</param>
    public ModelResponse(IEnumerable<Prediction> predictions, string? modelVersion = null)
        : this(ToSingles(predictions), modelVersion)
    {
    }

    private ModelResponse(IReadOnlyList<IReadOnlyList<Prediction>> predictionsPerTask, string? modelVersion)
    {
        PredictionsPerTask = predictionsPerTask;
        ModelVersion = modelVersion;
    }

    private ModelResponse(JsonNode? passThrough)
    {
        PredictionsPerTask = [];
        isPassThrough = true;
        this.passThrough = passThrough;
    }

    /// <summary>A response without predictions (<c>"results": []</c>), e.g. for a call the model does not handle.</summary>
    public static ModelResponse Empty { get; } = new([]);

    /// <summary>The version stamped into predictions without their own (null: the project's stored version).</summary>
    public string? ModelVersion { get; }

    /// <summary>The predictions of each task, in task order; empty for a response made by <see cref="FromJson"/>.</summary>
    public IReadOnlyList<IReadOnlyList<Prediction>> PredictionsPerTask { get; }

    /// <summary>
    /// Creates a response with any number of predictions per task: a task with several is sent as an array of them,
    /// a task with none as a placeholder prediction with an empty result (Label Studio needs one entry per task).
    /// </summary>
    public static ModelResponse PerTask(IEnumerable<IReadOnlyList<Prediction>> predictionsPerTask, string? modelVersion = null)
    {
        ArgumentNullException.ThrowIfNull(predictionsPerTask);
        var tasks = predictionsPerTask.ToList();
        if (tasks.Any(task => task is null || task.Contains(null!)))
        {
            throw new ArgumentException("The predictions of a task cannot be null.", nameof(predictionsPerTask));
        }

        return new ModelResponse(tasks, modelVersion);
    }

    /// <summary>
    /// Wraps a raw return value the way the original server treats a non-<c>ModelResponse</c> return
    /// (SPEC §2.3 step 5): an array is sent verbatim (no stamping, extra keys kept), an object contributes its
    /// <c>predictions</c> member if it has one and is sent itself otherwise, null sends an empty list.
    /// </summary>
    /// <param name="legacy">The raw value; copied.</param>
    public static ModelResponse FromJson(JsonNode? legacy)
    {
        var results = legacy switch
        {
            null => new JsonArray(),
            JsonObject obj when obj.TryGetPropertyValue("predictions", out var predictions) => predictions?.DeepClone(),
            _ => legacy.DeepClone(),
        };
        return new ModelResponse(results);
    }

    /// <summary>
    /// The value of the reply's <c>results</c> (SPEC §2.3 steps 5–6): typed predictions as exactly
    /// <c>model_version</c>, <c>score</c> and <c>result</c>, stamped with this response's version or else
    /// <paramref name="storedModelVersion"/>; pass-through JSON as it is.
    /// </summary>
    /// <param name="storedModelVersion">The project's stored model version (SPEC §4.5).</param>
    /// <exception cref="NonFiniteNumberException">The output holds NaN or an infinity.</exception>
    internal JsonNode? ToResults(string? storedModelVersion)
    {
        var results = isPassThrough ? passThrough?.DeepClone() : TypedResults(storedModelVersion);
        NonFiniteNumberGuard.Check(results);
        return results;
    }

    private JsonArray TypedResults(string? storedModelVersion)
    {
        var stampedVersion = string.IsNullOrEmpty(ModelVersion) ? storedModelVersion : ModelVersion;
        var results = new JsonArray();
        foreach (var task in PredictionsPerTask)
        {
            results.Add(task.Count switch
            {
                0 => new Prediction([]).ToJson(stampedVersion),
                1 => task[0].ToJson(stampedVersion),
                _ => new JsonArray([.. task.Select(prediction => (JsonNode)prediction.ToJson(stampedVersion))]),
            });
        }

        return results;
    }

    private static List<IReadOnlyList<Prediction>> ToSingles(IEnumerable<Prediction> predictions)
    {
        ArgumentNullException.ThrowIfNull(predictions);
        return [.. predictions.Select(prediction => (IReadOnlyList<Prediction>)[prediction ?? throw new ArgumentException("A prediction cannot be null.", nameof(predictions))])];
    }
}
