using TextExamples.Testing;

namespace Yolo.Tests;

/// <summary>
/// Tiny ONNX models with the input and output signatures of Ultralytics YOLO exports: an <c>images [1, 3, 64, 64]</c>
/// input and constant outputs written here, with the metadata (<c>names</c>, <c>task</c>, <c>kpt_shape</c>) the
/// exporter writes. With a 320 × 160 image the letterbox scales by 0.2 and pads 16 pixels at the top, so a model
/// coordinate (x, y) is the image pixel (x / 0.2, (y − 16) / 0.2).
/// </summary>
internal static class TinyYolo
{
    public const int Side = 64;

    /// <summary>A model whose outputs are the given constants.</summary>
    public static byte[] Model(string task, string names, params (string Name, long[] Dimensions, float[] Values)[] outputs)
    {
        var graph = new OnnxGraph().Input("images", OnnxGraph.Float, "1", "3", Side.ToString(System.Globalization.CultureInfo.InvariantCulture), Side.ToString(System.Globalization.CultureInfo.InvariantCulture));
        foreach (var (name, dimensions, values) in outputs)
        {
            graph.Output(name, OnnxGraph.Float, [.. dimensions.Select(d => d.ToString(System.Globalization.CultureInfo.InvariantCulture))])
                .FloatTensor(name + "_value", dimensions, values)
                .Node("Identity", [name + "_value"], [name]);
        }

        if (task.Length > 0)
        {
            graph.Metadata("task", task);
        }

        return graph.Metadata("names", names).Metadata("imgsz", $"[{Side}, {Side}]").ToModel();
    }

    /// <summary>output0 [1, rows, anchors] from one column per anchor.</summary>
    public static (string, long[], float[]) Anchors(params float[][] columns)
    {
        var rows = columns[0].Length;
        var values = new float[rows * columns.Length];
        for (var a = 0; a < columns.Length; a++)
        {
            for (var r = 0; r < rows; r++)
            {
                values[(r * columns.Length) + a] = columns[a][r];
            }
        }

        return ("output0", [1, rows, columns.Length], values);
    }
}
