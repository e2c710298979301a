using OpenCvSharp;
using TextExamples.Testing;

namespace VisionExamples.Testing;

/// <summary>
/// Segment Anything ONNX models with the real signatures and made-up weights, written by the tests: an encoder that
/// takes <c>[1,3,1024,1024]</c> and, through MatMuls, gives embeddings of the real shapes (more
/// <c>heavyLayers</c> make it slow, as a real encoder is), and decoders whose masks and scores are constants, so the
/// mask the runner must answer is known in advance.
/// </summary>
public static class SamModels
{
    /// <summary>
    /// A SAM encoder: input <c>image [1,3,1024,1024]</c> → <c>image_embeddings [1,256,64,64]</c>, each of the
    /// <paramref name="heavyLayers"/> a 3072 × 1024 × 1024 MatMul (6.4 GFLOP).
    /// </summary>
    public static byte[] SamEncoder(int heavyLayers = 0) => Encoder(heavyLayers, sam2: false);

    /// <summary>
    /// A SAM 2 encoder: <c>image [1,3,1024,1024]</c> → <c>image_embed [1,256,64,64]</c>,
    /// <c>high_res_feats_0 [1,32,256,256]</c>, <c>high_res_feats_1 [1,64,128,128]</c>.
    /// </summary>
    public static byte[] Sam2Encoder() => Encoder(0, sam2: true);

    /// <summary>
    /// A SAM decoder (segment_anything's export signature) whose three masks, at <paramref name="width"/> ×
    /// <paramref name="height"/> (orig_im_size), are positive logits inside <paramref name="boxes"/>[k] and whose
    /// predicted IoUs are <paramref name="scores"/>.
    /// </summary>
    public static byte[] SamDecoder(int width, int height, Rect[] boxes, float[] scores) => new OnnxGraph()
        .Input("image_embeddings", OnnxGraph.Float, "1", "256", "64", "64")
        .Input("point_coords", OnnxGraph.Float, "1", "num_points", "2")
        .Input("point_labels", OnnxGraph.Float, "1", "num_points")
        .Input("mask_input", OnnxGraph.Float, "1", "1", "256", "256")
        .Input("has_mask_input", OnnxGraph.Float, "1")
        .Input("orig_im_size", OnnxGraph.Float, "2")
        .Output("masks", OnnxGraph.Float, "1", $"{boxes.Length}", $"{height}", $"{width}")
        .Output("iou_predictions", OnnxGraph.Float, "1", $"{scores.Length}")
        .Output("low_res_masks", OnnxGraph.Float, "1", $"{boxes.Length}", "256", "256")
        .FloatTensor("mask_constants", [1, boxes.Length, height, width], Logits(width, height, boxes))
        .FloatTensor("score_constants", [1, scores.Length], scores)
        .FloatTensor("zero", [1], [0])
        .Int64Tensor("low_res_shape", [4], [1, boxes.Length, 256, 256])
        .Node("Identity", ["mask_constants"], ["masks"])
        .Node("Identity", ["score_constants"], ["iou_predictions"])
        .Node("Expand", ["zero", "low_res_shape"], ["low_res_masks"])
        .ToModel();

    /// <summary>
    /// A SAM 2 decoder: the three encoder outputs by name plus the prompt; masks are 256 × 256 logits over the
    /// whole (stretched) image, positive inside <paramref name="boxes"/>[k] (in that 256 × 256 frame).
    /// </summary>
    public static byte[] Sam2Decoder(Rect[] boxes, float[] scores) => new OnnxGraph()
        .Input("image_embed", OnnxGraph.Float, "1", "256", "64", "64")
        .Input("high_res_feats_0", OnnxGraph.Float, "1", "32", "256", "256")
        .Input("high_res_feats_1", OnnxGraph.Float, "1", "64", "128", "128")
        .Input("point_coords", OnnxGraph.Float, "num_labels", "num_points", "2")
        .Input("point_labels", OnnxGraph.Float, "num_labels", "num_points")
        .Input("mask_input", OnnxGraph.Float, "num_labels", "1", "256", "256")
        .Input("has_mask_input", OnnxGraph.Float, "num_labels")
        .Output("masks", OnnxGraph.Float, "1", $"{boxes.Length}", "256", "256")
        .Output("iou_predictions", OnnxGraph.Float, "1", $"{scores.Length}")
        .FloatTensor("mask_constants", [1, boxes.Length, 256, 256], Logits(256, 256, boxes))
        .FloatTensor("score_constants", [1, scores.Length], scores)
        .Node("Identity", ["mask_constants"], ["masks"])
        .Node("Identity", ["score_constants"], ["iou_predictions"])
        .ToModel();

    private static float[] Logits(int width, int height, Rect[] boxes)
    {
        var logits = new float[boxes.Length * width * height];
        for (var k = 0; k < boxes.Length; k++)
        {
            for (var y = 0; y < height; y++)
            {
                for (var x = 0; x < width; x++)
                {
                    logits[(((k * height) + y) * width) + x] = boxes[k].Contains(x, y) ? 4f : -4f;
                }
            }
        }

        return logits;
    }

    private static byte[] Encoder(int heavyLayers, bool sam2)
    {
        var graph = new OnnxGraph()
            .Input("image", OnnxGraph.Float, "1", "3", "1024", "1024")
            .Int64Tensor("rows_shape", [3], [1, 3072, 1024])
            .Int64Tensor("planes_shape", [4], [1, 3, 1024, 64])
            .Int64Tensor("flat_shape", [3], [1, 3, 4096])
            .Int64Tensor("embedding_shape", [4], [1, 256, 64, 64])
            .FloatTensor("columns", [1024, 64], Filled(1024 * 64, 1f / 1024))
            .FloatTensor("rows", [64, 1024], Filled(64 * 1024, 1f / 1024))
            .FloatTensor("channels", [256, 3], Filled(256 * 3, 1f / 3))
            .Node("Reshape", ["image", "rows_shape"], ["layer_0"]);
        for (var i = 0; i < heavyLayers; i++)
        {
            graph.FloatTensor($"heavy_{i}", [1024, 1024], Filled(1024 * 1024, 1f / 1024))
                .Node("MatMul", [$"layer_{i}", $"heavy_{i}"], [$"layer_{i + 1}"]);
        }

        var embedding = sam2 ? "image_embed" : "image_embeddings";
        graph.Node("MatMul", [$"layer_{heavyLayers}", "columns"], ["narrow"])
            .Node("Reshape", ["narrow", "planes_shape"], ["planes"])
            .Node("MatMul", ["rows", "planes"], ["pooled"])
            .Node("Reshape", ["pooled", "flat_shape"], ["flat"])
            .Node("MatMul", ["channels", "flat"], ["mixed"])
            .Node("Reshape", ["mixed", "embedding_shape"], [embedding])
            .Output(embedding, OnnxGraph.Float, "1", "256", "64", "64");
        if (sam2)
        {
            graph.FloatTensor("half", [1], [0.5f])
                .Int64Tensor("feats_0_shape", [4], [1, 32, 256, 256])
                .Int64Tensor("feats_1_shape", [4], [1, 64, 128, 128])
                .Node("Expand", ["half", "feats_0_shape"], ["high_res_feats_0"])
                .Node("Expand", ["half", "feats_1_shape"], ["high_res_feats_1"])
                .Output("high_res_feats_0", OnnxGraph.Float, "1", "32", "256", "256")
                .Output("high_res_feats_1", OnnxGraph.Float, "1", "64", "128", "128");
        }

        return graph.ToModel();
    }

    private static float[] Filled(int count, float value) => Enumerable.Repeat(value, count).ToArray();
}
