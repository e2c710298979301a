using LabelStudio.ML.Examples.Vision;
using OpenCvSharp;

namespace Yolo;

/// <summary>
/// Links per-frame detections into tracks: each detection joins the live track of the same label whose last box
/// overlaps it most (IoU at least <see cref="MinIou"/>), best pairs first; the rest start new tracks. A track not seen
/// for <see cref="MaxGap"/> frames ends. This is the association step of SORT-style trackers without the motion
/// model, enough for the slow objects of labeling videos.
/// </summary>
public sealed class IouTracker
{
    /// <summary>The least overlap that continues a track.</summary>
    public const double MinIou = 0.3;

    /// <summary>Frames a track may go unseen before it ends.</summary>
    public const int MaxGap = 30;

    private readonly List<Track> _tracks = [];

    /// <summary>All tracks so far, in order of their start.</summary>
    public IReadOnlyList<Track> Tracks => _tracks;

    /// <summary>Adds the detections of frame <paramref name="frame"/>.</summary>
    public void Add(int frame, IReadOnlyList<Detection> detections)
    {
        ArgumentNullException.ThrowIfNull(detections);
        var live = _tracks.Where(track => frame - track.Boxes[^1].Frame <= MaxGap).ToList();
        var pairs = new List<(double Iou, Track Track, int Detection)>();
        for (var d = 0; d < detections.Count; d++)
        {
            foreach (var track in live.Where(track => track.Label == detections[d].Label))
            {
                var iou = BoxNms.Iou(Corners(track.Boxes[^1].Box), Corners(detections[d].Box));
                if (iou >= MinIou)
                {
                    pairs.Add((iou, track, d));
                }
            }
        }

        var usedTracks = new HashSet<Track>();
        var usedDetections = new HashSet<int>();
        foreach (var (_, track, d) in pairs.OrderByDescending(pair => pair.Iou))
        {
            if (usedTracks.Contains(track) || usedDetections.Contains(d))
            {
                continue;
            }

            usedTracks.Add(track);
            usedDetections.Add(d);
            track.Boxes.Add((frame, detections[d].Box, detections[d].Score));
        }

        for (var d = 0; d < detections.Count; d++)
        {
            if (!usedDetections.Contains(d))
            {
                var track = new Track(detections[d].Label);
                track.Boxes.Add((frame, detections[d].Box, detections[d].Score));
                _tracks.Add(track);
            }
        }
    }

    private static (float, float, float, float) Corners(Rect box) => (box.X, box.Y, box.Right, box.Bottom);

    /// <summary>One object followed through the video.</summary>
    public sealed class Track(string label)
    {
        /// <summary>The object's label.</summary>
        public string Label => label;

        /// <summary>Its box in each frame it was seen in, in frame order.</summary>
        public List<(int Frame, Rect Box, double Score)> Boxes { get; } = [];
    }
}
