using LabelStudio.ML;
using LabelStudio.ML.Examples.Llm;
using LabelStudio.ML.Examples.Vision;
using LabelStudio.ML.Examples.Vision.Ocr;

namespace LlmInteractive;

/// <summary>
/// The text of an <c>Image</c> task for the LLM, read with Tesseract (as the original reads it with pytesseract):
/// every line Tesseract finds, in its reading order.
/// </summary>
public sealed class TesseractImageText(TaskImageLoader images, TesseractOcr ocr) : ITaskImageText
{
    /// <inheritdoc />
    public async Task<string> ReadAsync(TaskData taskData, LabelStudioTask task, ObjectTag imageTag, CancellationToken cancellationToken)
    {
        using var image = await images.LoadAsync(taskData, task, imageTag, cancellationToken);
        var lines = ocr.ReadLines(image.Pixels);
        return string.Join('\n', lines.Select(line => line.Text.Trim()).Where(text => text.Length > 0));
    }
}
