using Microsoft.ML.OnnxRuntime;

namespace LabelStudio.ML.Examples.Vision;

/// <summary>
/// SAM 2 / 2.1 exported as an image encoder with outputs <c>image_embed</c>, <c>high_res_feats_0</c>,
/// <c>high_res_feats_1</c> and a decoder taking those three by name plus the prompt (the layout of the common SAM 2
/// ONNX exports). SAM 2 stretches the image to the square input (its <c>SAM2Transforms</c>), so point coordinates
/// scale per axis, and its 256 × 256 masks cover the whole image.
/// </summary>
internal sealed class Sam2Adapter : SamDecoderAdapter
{
    public static readonly string[] Features = ["image_embed", "high_res_feats_0", "high_res_feats_1"];

    public override SamFamily Family => SamFamily.Sam2;

    public override IReadOnlyList<string> RequiredPromptInputs { get; } = ["point_coords", "point_labels", "mask_input", "has_mask_input"];

    public override SamFrame Frame(ImageSize image, int inputSize) => SamFrame.Square(image, inputSize);

    public override bool AcceptsEncoderOutputs(IReadOnlyDictionary<string, NodeMetadata> outputs) => Features.All(outputs.ContainsKey);

    public override Dictionary<string, (float[] Data, int[] Dimensions)> DecoderInputs(IReadOnlyList<(string Name, float[] Data, int[] Dimensions)> encoderOutputs) =>
        encoderOutputs.Where(o => Features.Contains(o.Name)).ToDictionary(o => o.Name, o => (o.Data, o.Dimensions), StringComparer.Ordinal);
}
