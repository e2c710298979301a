using OpenCvSharp;

namespace Yolo;

/// <summary>Reads a video's frames in order, numbered from 1 as Label Studio numbers them, up to a limit.</summary>
public static class VideoFrames
{
    /// <summary>The frame rate OpenCV reports, or 25 when the file does not say.</summary>
    /// <returns>Frames per second.</returns>
    public static double Fps(VideoCapture video)
    {
        ArgumentNullException.ThrowIfNull(video);
        var fps = video.Fps;
        return fps is > 0 and < 1000 ? fps : 25;
    }

    /// <summary>Calls <paramref name="visit"/> with each frame (1-based number, BGR image) until the end or <paramref name="maxFrames"/>.</summary>
    /// <returns>The number of frames read.</returns>
    public static int ForEach(VideoCapture video, int maxFrames, Action<int, Mat> visit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(video);
        ArgumentNullException.ThrowIfNull(visit);
        using var frame = new Mat();
        var number = 0;
        while (number < maxFrames && video.Read(frame) && !frame.Empty())
        {
            cancellationToken.ThrowIfCancellationRequested();
            number++;
            visit(number, frame);
        }

        return number;
    }
}
