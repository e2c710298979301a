using System.Text.Json.Nodes;
using OpenCvSharp;

namespace Yolo.Tests;

/// <summary>Images and videos the tests draw, saved in a folder task data may read.</summary>
internal sealed class TestMedia : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("yolo-media-");

    public string Folder => _folder.FullName;

    /// <summary>A 320 × 160 grey image (the size the tiny models' letterbox numbers are worked out for).</summary>
    public string Grey320x160() => SaveImage("grey.png", new Mat(160, 320, MatType.CV_8UC3, Scalar.All(90)));

    public string SaveImage(string name, Mat image)
    {
        using (image)
        {
            var path = Path.Combine(Folder, name);
            Cv2.ImWrite(path, image);
            return path;
        }
    }

    /// <summary>
    /// A 160 × 120 MJPG video of <paramref name="frames"/> frames: a white 30 × 30 square on a dark textured
    /// background, at x = 20 + 3 × (frame − 1), y = 45, in the frames <paramref name="visible"/> accepts (1-based).
    /// </summary>
    public string MovingSquare(string name, int frames, Func<int, bool> visible)
    {
        var path = Path.Combine(Folder, name);
        using var writer = new VideoWriter(path, FourCC.MJPG, 10, new Size(160, 120));
        for (var frame = 1; frame <= frames; frame++)
        {
            using var image = new Mat(120, 160, MatType.CV_8UC3, Scalar.All(40));
            for (var x = 0; x < 160; x += 20)
            {
                Cv2.Line(image, new Point(x, 0), new Point(x, 119), Scalar.All(70), 1);
            }

            if (visible(frame))
            {
                Cv2.Rectangle(image, new Rect(SquareX(frame), 45, 30, 30), Scalar.All(255), -1);
            }

            writer.Write(image);
        }

        return path;
    }

    public static int SquareX(int frame) => 20 + (3 * (frame - 1));

    public static JsonObject Task(long id, string key, string path) => new() { ["id"] = id, ["data"] = new JsonObject { [key] = path } };

    public void Dispose() => _folder.Delete(recursive: true);
}
