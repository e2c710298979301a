namespace LabelStudio.ML.Examples.Vision;

/// <summary>
/// The offline segmenter: OpenCV's GrabCut (<see cref="GrabCutSegmenter"/>) seeded by the box, with positive points
/// as certain foreground and negative points as certain background. GrabCut has no quality estimate, so no score.
/// </summary>
public sealed class GrabCutPromptSegmenter : IPromptSegmenter
{
    /// <inheritdoc />
    public string Name => "grabcut";

    /// <inheritdoc />
    public SegmentedMask Segment(TaskImage image, SegmentPrompt prompt)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(prompt);
        return new SegmentedMask(GrabCutSegmenter.Segment(image.Pixels, prompt.Box, prompt.Positive, prompt.Negative), null);
    }
}
