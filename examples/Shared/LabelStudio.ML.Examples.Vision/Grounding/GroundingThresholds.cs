namespace LabelStudio.ML.Examples.Vision;

/// <summary>
/// Grounding DINO's two cut-offs: <paramref name="Box"/>, the least score a box needs, and <paramref name="Text"/>,
/// the least score a prompt token needs to name a box's phrase (defaults 0.3 and 0.25, as the original's).
/// </summary>
public sealed record GroundingThresholds(double Box = GroundingThresholds.DefaultBox, double Text = GroundingThresholds.DefaultText)
{
    /// <summary>The original's default box threshold.</summary>
    public const double DefaultBox = 0.3;

    /// <summary>The original's default text threshold.</summary>
    public const double DefaultText = 0.25;
}
