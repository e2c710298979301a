using System.Text.Json;
using System.Text.Json.Nodes;

namespace LabelStudio.ML;

/// <summary>
/// An object tag of the label config: an element that shows task data (<c>Image</c>, <c>Text</c>,
/// <c>Audio</c>, …), recognised by a non-empty <c>name</c> and a non-empty <c>value</c> or <c>valueList</c>.
/// </summary>
public sealed class ObjectTag
{
    /// <summary>Status for task data that does not fit the label config: the request, not the model, is wrong.</summary>
    private const int UnprocessableStatus = 422;

    /// <summary>Which attribute <see cref="Value"/> came from, to quote it back in error messages.</summary>
    private readonly string _valueAttribute;

    internal ObjectTag(string name, string tag, string valueAttribute, IReadOnlyDictionary<string, string> attributes)
    {
        Name = name;
        Tag = tag;
        _valueAttribute = valueAttribute;
        Value = attributes.GetValueOrDefault(valueAttribute) ?? "";
        Attributes = attributes;
        ValueName = Value.StartsWith('$') ? Value[1..] : Value;
        ValueType = attributes.GetValueOrDefault("valueType");
    }

    /// <summary>The <c>name</c> attribute: what control tags put in <c>toName</c> and results in <c>to_name</c>.</summary>
    public string Name { get; }

    /// <summary>The tag name as written, e.g. <c>Image</c>.</summary>
    public string Tag { get; }

    /// <summary>The raw data reference: <c>valueList</c> when present, else <c>value</c>, with its <c>$</c>, e.g. <c>$image</c>.</summary>
    public string Value { get; }

    /// <summary>
    /// The task data key the object shows: <see cref="Value"/> with one leading <c>$</c> removed
    /// (<c>$image</c> → <c>image</c>). A value without <c>$</c> is kept whole; the Python SDK drops its first
    /// character instead (SPEC QUIRK-15), which this port deliberately does not copy.
    /// </summary>
    public string ValueName { get; }

    /// <summary>The <c>valueType</c> attribute (e.g. <c>url</c> when a <c>Text</c> holds a link to the text), or <see langword="null"/>.</summary>
    public string? ValueType { get; }

    /// <summary>All attributes of the element as written, in document order.</summary>
    public IReadOnlyDictionary<string, string> Attributes { get; }

    /// <summary>
    /// Returns <c>task.data[<see cref="ValueName"/>]</c> (which may be a JSON <see langword="null"/>).
    /// </summary>
    /// <remarks>
    /// Only a top-level key is looked up: references into nested data such as <c>$images[0].url</c> or
    /// Repeater placeholders are not resolved (SPEC §5.6), and report a missing key.
    /// </remarks>
    /// <param name="taskData">The task's <c>data</c> object.</param>
    /// <param name="taskId">The task id, used only to make the error message point at the task.</param>
    /// <exception cref="AnswerException">Status 422: the task data has no such key.</exception>
    public JsonNode? ResolveValue(JsonObject taskData, long? taskId = null)
    {
        ArgumentNullException.ThrowIfNull(taskData);
        if (!taskData.TryGetPropertyValue(ValueName, out var value))
        {
            var keys = taskData.Count == 0 ? "none" : string.Join(", ", taskData.Select(property => property.Key));
            throw new AnswerException(
                UnprocessableStatus,
                $"{TaskLabel(taskId)} has no data key '{ValueName}' (needed by {Describe()}); task data keys: {keys}");
        }

        return value;
    }

    /// <summary>
    /// Returns the task data this object shows as text: a JSON string as it is, a number or boolean as its
    /// JSON text. For <c>valueType="url"</c> this is the URL, not the document it points to.
    /// </summary>
    /// <param name="taskData">The task's <c>data</c> object.</param>
    /// <param name="taskId">The task id, used only to make the error message point at the task.</param>
    /// <exception cref="AnswerException">Status 422: the key is missing, null, or holds an object or array.</exception>
    public string ResolveText(JsonObject taskData, long? taskId = null)
    {
        var value = ResolveValue(taskData, taskId);
        return value?.GetValueKind() switch
        {
            JsonValueKind.String => value.GetValue<string>(),
            JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => value.ToJsonString(),
            var kind => throw new AnswerException(
                UnprocessableStatus,
                $"{TaskLabel(taskId)} data key '{ValueName}' holds {KindName(kind)}, not text (needed by {Describe()})"),
        };
    }

    /// <summary>The start tag as a user would find it in the config, e.g. <c>&lt;Text name="text" value="$text"&gt;</c>.</summary>
    private string Describe() => $"<{Tag} name=\"{Name}\" {_valueAttribute}=\"{Value}\">";

    private static string TaskLabel(long? taskId) => taskId is { } id ? $"Task {id}" : "The task";

    private static string KindName(JsonValueKind? kind) => kind switch
    {
        JsonValueKind.Object => "a JSON object",
        JsonValueKind.Array => "a JSON array",
        _ => "null",
    };
}
