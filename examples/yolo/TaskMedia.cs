using LabelStudio.ML.Examples.Vision;
using OpenCvSharp;

namespace Yolo;

/// <summary>
/// The media of one task, read once however many controls look at it: decoded images by object tag, and videos as
/// local files opened with OpenCV (FFmpeg is part of the OpenCvSharp runtime).
/// </summary>
public sealed class TaskMedia(LabelStudioTask task, TaskData taskData, TaskImageLoader loader, LabelConfig config) : IDisposable
{
    private readonly Dictionary<string, TaskImage> _images = new(StringComparer.Ordinal);

    /// <summary>The task.</summary>
    public LabelStudioTask Task => task;

    /// <summary>The image of object tag <paramref name="objectName"/>.</summary>
    /// <returns>The image; owned by this object.</returns>
    public async Task<TaskImage> ImageAsync(string objectName, CancellationToken cancellationToken)
    {
        if (!_images.TryGetValue(objectName, out var image))
        {
            image = await loader.LoadAsync(taskData, task, config.GetObject(objectName), cancellationToken).ConfigureAwait(false);
            _images[objectName] = image;
        }

        return image;
    }

    /// <summary>Opens the video of object tag <paramref name="objectName"/>.</summary>
    /// <returns>The opened video; the caller disposes it.</returns>
    /// <exception cref="AnswerException">422: OpenCV cannot open or decode the file.</exception>
    public async Task<VideoCapture> OpenVideoAsync(string objectName, CancellationToken cancellationToken)
    {
        var url = config.GetObject(objectName).ResolveText(task.Data, task.Id);
        var path = await taskData.GetLocalPathAsync(url, task.Id, cancellationToken).ConfigureAwait(false);
        var video = new VideoCapture(path);
        if (!video.IsOpened() || video.FrameWidth <= 0 || video.FrameHeight <= 0)
        {
            video.Dispose();
            throw new AnswerException(422, $"Task {task.Id}: the video {Shorten(url)} cannot be opened: it is no video file OpenCV (FFmpeg) can decode.");
        }

        return video;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var image in _images.Values)
        {
            image.Dispose();
        }
    }

    private static string Shorten(string url) => url.Length > 80 ? url[..80] + "…" : url;
}
