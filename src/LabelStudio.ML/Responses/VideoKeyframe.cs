namespace LabelStudio.ML;

/// <summary>One keyframe of a video rectangle track (an item of <c>value.sequence</c>, SPEC §6.3).</summary>
/// <param name="Frame">1-based frame number.</param>
/// <param name="Time">Time of the frame in seconds.</param>
/// <param name="X">Left edge in percent of the frame width.</param>
/// <param name="Y">Top edge in percent of the frame height.</param>
/// <param name="Width">Width in percent of the frame width.</param>
/// <param name="Height">Height in percent of the frame height.</param>
/// <param name="Enabled">False ends the interpolated track after this keyframe.</param>
/// <param name="Rotation">Rotation in degrees, clockwise around the top-left corner.</param>
public readonly record struct VideoKeyframe(
    int Frame,
    double Time,
    double X,
    double Y,
    double Width,
    double Height,
    bool Enabled = true,
    double Rotation = 0);
