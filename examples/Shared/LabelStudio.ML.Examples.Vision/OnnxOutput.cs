namespace LabelStudio.ML.Examples.Vision;

/// <summary>One output of an ONNX run, flattened row-major, with its dimensions; integer outputs are converted to float.</summary>
public sealed record OnnxOutput(float[] Values, int[] Dimensions)
{
    /// <summary>The dimensions as the messages write them, e.g. <c>[1, 84, 8400]</c>.</summary>
    public string Shape => OnnxImageModel.FormatShape(Dimensions);
}
