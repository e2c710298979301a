using TextExamples.Testing;

namespace VisionExamples.Testing;

/// <summary>
/// A Grounding DINO ONNX model with the Hugging Face export's signature and constant outputs, and a BERT-style
/// vocabulary for it: the test knows which boxes and phrases the runner must report.
/// </summary>
public static class GroundingDinoModels
{
    /// <summary>A small uncased vocabulary with the special tokens where BERT has them first.</summary>
    public static readonly string[] Vocabulary = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", ".", "face", "eye", "cat", "red", "car"];

    /// <summary>
    /// The model: <c>logits [1, Q, tokens]</c> = <paramref name="logits"/>, <c>pred_boxes [1, Q, 4]</c> =
    /// <paramref name="boxes"/> (centre x, centre y, width, height relative to the image), whatever the input.
    /// </summary>
    public static byte[] Model(float[][] logits, float[][] boxes)
    {
        var queries = logits.Length;
        var tokens = logits[0].Length;
        return new OnnxGraph()
            .Input("pixel_values", OnnxGraph.Float, "batch", "3", "height", "width")
            .Input("input_ids", OnnxGraph.Int64, "batch", "sequence")
            .Input("token_type_ids", OnnxGraph.Int64, "batch", "sequence")
            .Input("attention_mask", OnnxGraph.Int64, "batch", "sequence")
            .Input("pixel_mask", OnnxGraph.Int64, "batch", "height", "width")
            .Output("logits", OnnxGraph.Float, "1", $"{queries}", $"{tokens}")
            .Output("pred_boxes", OnnxGraph.Float, "1", $"{queries}", "4")
            .FloatTensor("logit_constants", [1, queries, tokens], [.. logits.SelectMany(l => l)])
            .FloatTensor("box_constants", [1, queries, 4], [.. boxes.SelectMany(b => b)])
            .Node("Identity", ["logit_constants"], ["logits"])
            .Node("Identity", ["box_constants"], ["pred_boxes"])
            .ToModel();
    }
}
