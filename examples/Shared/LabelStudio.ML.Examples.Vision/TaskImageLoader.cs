namespace LabelStudio.ML.Examples.Vision;

/// <summary>
/// Loads the image a task shows in an <c>Image</c> object tag through the SDK's <see cref="TaskData"/> (uploads,
/// cloud storage, URLs, data URIs, local files) and decodes it, enforcing the pixel limit.
/// </summary>
public sealed class TaskImageLoader(VisionOptions options)
{
    /// <summary>Loads and decodes the image of <paramref name="task"/> in <paramref name="imageTag"/>.</summary>
    /// <returns>The image; the caller disposes it.</returns>
    /// <exception cref="AnswerException">422: the task lacks the image, or it is no decodable image, or it is too large.</exception>
    /// <exception cref="TaskDataException">The image cannot be fetched.</exception>
    public async Task<TaskImage> LoadAsync(TaskData taskData, LabelStudioTask task, ObjectTag imageTag, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(taskData);
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(imageTag);
        var url = imageTag.ResolveText(task.Data, task.Id);
        var bytes = await taskData.ReadBytesAsync(url, task.Id, cancellationToken).ConfigureAwait(false);
        return TaskImage.Decode(bytes, $"of task {task.Id?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "(no id)"} ({Shorten(url)})", options.MaxImagePixels);
    }

    private static string Shorten(string url) =>
        url.StartsWith("data:", StringComparison.OrdinalIgnoreCase) && url.Length > 40 ? url[..Math.Max(url.IndexOf(',', StringComparison.Ordinal), 5)] + ",…" : url;
}
