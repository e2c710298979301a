namespace LabelStudio.ML.Examples.Vision;

/// <summary>
/// A segmenter's answer: the mask (0 or 255, row-major, the image's size) and the model's own quality estimate
/// (SAM's predicted IoU), when it has one.
/// </summary>
public sealed record SegmentedMask(byte[] Mask, double? Score);
