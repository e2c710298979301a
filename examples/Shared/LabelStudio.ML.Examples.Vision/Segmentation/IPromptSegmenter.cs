namespace LabelStudio.ML.Examples.Vision;

/// <summary>Segments one object of an image from a point and box prompt (SAM-style smart tools).</summary>
public interface IPromptSegmenter
{
    /// <summary>What segments, for logs and the model version (e.g. "grabcut", "sam-onnx").</summary>
    string Name { get; }

    /// <summary>The object <paramref name="prompt"/> points at in <paramref name="image"/>.</summary>
    /// <returns>The object's mask.</returns>
    /// <exception cref="ArgumentException">The prompt has neither a box nor a positive point.</exception>
    SegmentedMask Segment(TaskImage image, SegmentPrompt prompt);
}
