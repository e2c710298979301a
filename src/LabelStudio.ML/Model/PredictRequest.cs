using System.Text.Json.Nodes;

namespace LabelStudio.ML;

/// <summary>
/// What Label Studio asked of <c>/predict</c>: a batch of tasks to pre-annotate, or one task with an
/// interactive <see cref="Context"/> (a click, a box, a selected span, a text prompt).
/// </summary>
public sealed class PredictRequest
{
    internal PredictRequest(JsonNode? rawTasks, IReadOnlyList<LabelStudioTask> tasks, JsonObject? context, IReadOnlyDictionary<string, JsonNode?> parameters)
    {
        RawTasks = rawTasks;
        Tasks = tasks;
        Context = context;
        Parameters = parameters;
    }

    /// <summary>The tasks, in the order Label Studio sent them; the response must hold one entry per task, in the same order.</summary>
    public IReadOnlyList<LabelStudioTask> Tasks { get; }

    /// <summary>The <c>tasks</c> value exactly as received (<see langword="null"/> when the request had none).</summary>
    public JsonNode? RawTasks { get; }

    /// <summary>
    /// The interactive context (<c>params.context</c>): <see langword="null"/> for batch predictions, an object whose
    /// <c>result</c> holds the regions the labeler just made for interactive ones (SPEC §7).
    /// </summary>
    public JsonObject? Context { get; }

    /// <summary>Whether this is an interactive call: a context with a non-empty <c>result</c>.</summary>
    public bool IsInteractive => Context?["result"] is JsonArray { Count: > 0 };

    /// <summary>The regions of the interactive context (empty for batch calls).</summary>
    public IReadOnlyList<JsonObject> ContextRegions =>
        Context?["result"] is JsonArray regions ? regions.OfType<JsonObject>().ToList() : [];

    /// <summary>The other <c>params</c> members (normally <c>login</c> and <c>password</c>: the project's task-data credentials).</summary>
    public IReadOnlyDictionary<string, JsonNode?> Parameters { get; }

    /// <summary>The project's task-data login (<c>params.login</c>), usually <see langword="null"/>.</summary>
    public string? Login => StringParameter("login");

    /// <summary>The project's task-data password (<c>params.password</c>), usually <see langword="null"/>.</summary>
    public string? Password => StringParameter("password");

    private string? StringParameter(string name) =>
        Parameters.TryGetValue(name, out var value) && value is JsonValue text && text.TryGetValue<string>(out var result) ? result : null;
}
