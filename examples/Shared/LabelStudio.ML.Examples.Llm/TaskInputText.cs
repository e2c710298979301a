using System.Text.Json.Nodes;

namespace LabelStudio.ML.Examples.Llm;

/// <summary>The text an LLM reads for a task's object tag: Text and HyperText as text, Paragraphs as JSON.</summary>
public static class TaskInputText
{
    /// <summary>The object types these examples read.</summary>
    public static readonly string[] SupportedObjects = ["Text", "HyperText", "Paragraphs", "Image"];

    /// <summary>Reads the input of <paramref name="objectTag"/> from <paramref name="task"/>.</summary>
    /// <exception cref="AnswerException">422: the key is missing, or the object is an image (OCR is not part of this backend).</exception>
    public static async Task<string> ReadAsync(TaskData taskData, LabelStudioTask task, ObjectTag objectTag, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(taskData);
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(objectTag);
        switch (objectTag.Tag.ToLowerInvariant())
        {
            case "image":
                throw new AnswerException(422, $"{task}: image input needs the OCR engine, which this backend does not include; label <{objectTag.Tag} name=\"{objectTag.Name}\"> tasks with a Text, HyperText or Paragraphs object.");
            case "paragraphs":
                // The original hands the dialogue to the model as its JSON.
                var value = objectTag.ResolveValue(task.Data, task.Id);
                return value is JsonValue text && text.TryGetValue<string>(out var reference) && taskData.IsReference(reference)
                    ? await taskData.ReadTextAsync(reference, task.Id, cancellationToken).ConfigureAwait(false)
                    : value?.ToJsonString() ?? "null";
            default:
                return await taskData.ReadTextAsync(task, objectTag, cancellationToken).ConfigureAwait(false);
        }
    }
}
