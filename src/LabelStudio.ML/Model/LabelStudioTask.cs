using System.Text.Json.Nodes;

namespace LabelStudio.ML;

/// <summary>
/// One task as Label Studio sends it to <c>/predict</c>: its id and <c>data</c>, plus whatever else the
/// serializer included. Everything stays reachable through <see cref="Json"/>; unknown keys are never lost.
/// </summary>
public sealed class LabelStudioTask
{
    /// <summary>Wraps a task object as received.</summary>
    public LabelStudioTask(JsonObject json)
    {
        ArgumentNullException.ThrowIfNull(json);
        Json = json;
        Id = json["id"] is JsonValue id && id.TryGetValue<long>(out var value) ? value : null;
        Data = json["data"] as JsonObject ?? [];
    }

    /// <summary>The task id, when the task has an integer <c>id</c>.</summary>
    public long? Id { get; }

    /// <summary>The task's <c>data</c> object (empty when absent): the values the label config's objects show.</summary>
    public JsonObject Data { get; }

    /// <summary>The task's <c>meta</c> object, if any.</summary>
    public JsonObject? Meta => Json["meta"] as JsonObject;

    /// <summary>The task's annotations (empty when absent).</summary>
    public JsonArray Annotations => Json["annotations"] as JsonArray ?? [];

    /// <summary>The task's existing predictions (empty when absent).</summary>
    public JsonArray Predictions => Json["predictions"] as JsonArray ?? [];

    /// <summary>The task's drafts (interactive calls only; empty when absent).</summary>
    public JsonArray Drafts => Json["drafts"] as JsonArray ?? [];

    /// <summary>The whole task object exactly as Label Studio sent it.</summary>
    public JsonObject Json { get; }

    /// <summary>A short description for messages: <c>task 5021</c>, or <c>task without id</c>.</summary>
    public override string ToString() => Id is { } id ? $"task {id}" : "task without id";
}
