using Microsoft.ML.OnnxRuntime;

namespace LabelStudio.ML.Examples.Vision;

/// <summary>
/// SAM (ViT-B/L/H) and MobileSAM, decoder as segment_anything's <c>export_onnx_model.py</c> writes it: the encoder's
/// one output becomes <c>image_embeddings</c>; the image is resized to the input size on its longest side, aspect
/// ratio kept, padded right and below; masks come back upsampled to <c>orig_im_size</c>.
/// </summary>
internal sealed class SamV1Adapter : SamDecoderAdapter
{
    public override SamFamily Family => SamFamily.Sam;

    public override IReadOnlyList<string> RequiredPromptInputs { get; } = ["point_coords", "point_labels", "mask_input", "has_mask_input", "orig_im_size"];

    public override SamFrame Frame(ImageSize image, int inputSize) => SamFrame.LongestSide(image, inputSize);

    public override bool AcceptsEncoderOutputs(IReadOnlyDictionary<string, NodeMetadata> outputs) =>
        outputs.Count >= 1 && outputs.First().Value.Dimensions.Length == 4;

    public override Dictionary<string, (float[] Data, int[] Dimensions)> DecoderInputs(IReadOnlyList<(string Name, float[] Data, int[] Dimensions)> encoderOutputs) =>
        new(StringComparer.Ordinal) { ["image_embeddings"] = (encoderOutputs[0].Data, encoderOutputs[0].Dimensions) };
}
