using LabelStudio.ML.Examples.Text;

namespace Yolo;

/// <summary>One annotated image of a <c>Choices</c> control: its chosen class and its ResNet18 features.</summary>
public sealed record ImageExample(long? AnnotationId, string Label, float[] Features) : IAnnotatedExample;

/// <summary>One annotated video of a <c>TimelineLabels</c> control: per frame, its label (or the background) and features.</summary>
public sealed record VideoExample(long? AnnotationId, IReadOnlyList<FrameExample> Frames) : IAnnotatedExample;

/// <summary>One frame of an annotated video.</summary>
public sealed record FrameExample(string Label, float[] Features);
