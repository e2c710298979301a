namespace LabelStudio.ML.Examples.Llm;

/// <summary>Reads the text shown in a task's image (OCR), for LLM backends that label <c>Image</c> objects.</summary>
public interface ITaskImageText
{
    /// <summary>The text of the image <paramref name="task"/> shows in <paramref name="imageTag"/>, line by line.</summary>
    /// <returns>The text, lines separated by newlines; empty when the image holds no text.</returns>
    Task<string> ReadAsync(TaskData taskData, LabelStudioTask task, ObjectTag imageTag, CancellationToken cancellationToken);
}
