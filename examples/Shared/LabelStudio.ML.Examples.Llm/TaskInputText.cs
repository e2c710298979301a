using System.Text.Json.Nodes;

namespace LabelStudio.ML.Examples.Llm;

/// <summary>
/// The text an LLM reads for a task's object tag: Text and HyperText as text, Paragraphs as JSON, an Image through
/// OCR when the backend has an <see cref="ITaskImageText"/>.
/// </summary>
public static class TaskInputText
{
    /// <summary>The object types these examples read.</summary>
    public static readonly string[] SupportedObjects = ["Text", "HyperText", "Paragraphs", "Image"];

    /// <summary>Reads the input of <paramref name="objectTag"/> from <paramref name="task"/>.</summary>
    /// <param name="taskData">Where task data is read from.</param>
    /// <param name="task">The task.</param>
    /// <param name="objectTag">The object the LLM labels.</param>
    /// <param name="imageText">The OCR for <c>Image</c> objects; without it an image is a 422.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <exception cref="AnswerException">422: the key is missing, or the object is an image and this backend has no OCR.</exception>
    public static async Task<string> ReadAsync(
        TaskData taskData, LabelStudioTask task, ObjectTag objectTag, ITaskImageText? imageText, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(taskData);
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(objectTag);
        switch (objectTag.Tag.ToLowerInvariant())
        {
            case "image" when imageText is not null:
                return await imageText.ReadAsync(taskData, task, objectTag, cancellationToken).ConfigureAwait(false);
            case "image":
                throw new AnswerException(422, $"{task}: this backend reads no images (it has no OCR engine; llm_interactive does); label <{objectTag.Tag} name=\"{objectTag.Name}\"> tasks with a Text, HyperText or Paragraphs object.");
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
