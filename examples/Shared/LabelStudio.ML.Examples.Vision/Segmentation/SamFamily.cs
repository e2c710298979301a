namespace LabelStudio.ML.Examples.Vision;

/// <summary>Which Segment Anything export a pair of ONNX files is; told apart by the decoder's input names.</summary>
public enum SamFamily
{
    /// <summary>
    /// SAM (ViT-B/L/H) and MobileSAM as segment_anything's <c>export_onnx_model.py</c> writes the decoder: one
    /// <c>image_embeddings</c> input; the encoder sees the image resized to 1024 on its longest side and padded.
    /// </summary>
    Sam,

    /// <summary>
    /// SAM 2 / 2.1: the encoder also gives two high-resolution feature maps (<c>high_res_feats_0</c>,
    /// <c>high_res_feats_1</c>) next to <c>image_embed</c>, and sees the image stretched to 1024 × 1024.
    /// </summary>
    Sam2,
}
