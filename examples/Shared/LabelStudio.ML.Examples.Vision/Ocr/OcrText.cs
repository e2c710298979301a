namespace LabelStudio.ML.Examples.Vision.Ocr;

/// <summary>The text an OCR engine read in one image or box, and its mean confidence in [0, 1].</summary>
public sealed record OcrText(string Text, double Confidence);
