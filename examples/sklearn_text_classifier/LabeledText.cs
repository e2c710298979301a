using System.Text.Json.Serialization;

namespace SklearnTextClassifier;

/// <summary>One training example: the text of a task and the choice an annotation gave it.</summary>
internal sealed record LabeledText(
    [property: JsonPropertyName("task")] long? TaskId,
    [property: JsonPropertyName("text")] string Text,
    [property: JsonPropertyName("choice")] string Choice);
