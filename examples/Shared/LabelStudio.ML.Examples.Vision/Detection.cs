using OpenCvSharp;

namespace LabelStudio.ML.Examples.Vision;

/// <summary>One object a detector found: its box in pixels, its label and a score in [0, 1].</summary>
public sealed record Detection(Rect Box, string Label, double Score);
