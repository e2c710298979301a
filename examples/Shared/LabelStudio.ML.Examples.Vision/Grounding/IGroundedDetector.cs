namespace LabelStudio.ML.Examples.Vision;

/// <summary>Finds the objects a text prompt names ("face", "cat . person") in an image, as Grounding DINO does.</summary>
public interface IGroundedDetector
{
    /// <summary>What detects, for logs (e.g. "opencv-cascades", "grounding-dino-onnx").</summary>
    string Name { get; }

    /// <summary>
    /// The objects of <paramref name="image"/> that <paramref name="prompt"/> names, each labeled with the part of the
    /// prompt that found it, scored in [0, 1] and at least <paramref name="thresholds"/>' box threshold.
    /// </summary>
    /// <returns>The detections, strongest first.</returns>
    IReadOnlyList<Detection> Detect(TaskImage image, string prompt, GroundingThresholds thresholds);
}
