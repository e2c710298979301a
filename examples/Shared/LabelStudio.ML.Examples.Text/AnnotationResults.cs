using System.Text.Json.Nodes;

namespace LabelStudio.ML.Examples.Text;

/// <summary>Reads what annotators marked: the results of one control in the usable annotations of a task.</summary>
public static class AnnotationResults
{
    /// <summary>Whether an annotation counts for training: not skipped (<c>was_cancelled</c>) and with a result list.</summary>
    public static bool IsUsable(JsonObject annotation)
    {
        ArgumentNullException.ThrowIfNull(annotation);
        return annotation["was_cancelled"] is not JsonValue cancelled || !cancelled.TryGetValue<bool>(out var was) || !was;
    }

    /// <summary>The result items of <paramref name="annotation"/> made by control <paramref name="fromName"/>.</summary>
    public static IEnumerable<JsonObject> Of(JsonObject annotation, string fromName)
    {
        ArgumentNullException.ThrowIfNull(annotation);
        return (annotation["result"] as JsonArray ?? []).OfType<JsonObject>()
            .Where(result => result["from_name"] is JsonValue name && name.TryGetValue<string>(out var text) && text == fromName);
    }

    /// <summary>The most recent usable annotation of <paramref name="task"/> (the last one in the list), if any.</summary>
    public static JsonObject? Latest(LabelStudioTask task)
    {
        ArgumentNullException.ThrowIfNull(task);
        return task.Annotations.OfType<JsonObject>().LastOrDefault(IsUsable);
    }

    /// <summary>The strings of <c>value[key]</c> (<c>choices</c>, <c>labels</c>) of a result item.</summary>
    public static IReadOnlyList<string> Strings(JsonObject result, string key)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result["value"]?[key] is JsonArray array
            ? [.. array.OfType<JsonValue>().Select(item => item.TryGetValue<string>(out var text) ? text : null).OfType<string>()]
            : [];
    }

    /// <summary>An integer of a result's <c>value</c> (<c>start</c>, <c>end</c>), if present.</summary>
    public static int? Offset(JsonObject result, string key)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result["value"]?[key] is JsonValue value && value.TryGetValue<int>(out var number) ? number : null;
    }

    /// <summary>The annotation's <c>id</c>, if it has one.</summary>
    public static long? Id(JsonObject annotation)
    {
        ArgumentNullException.ThrowIfNull(annotation);
        return annotation["id"] is JsonValue id && id.TryGetValue<long>(out var value) ? value : null;
    }
}
