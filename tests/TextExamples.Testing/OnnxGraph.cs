namespace TextExamples.Testing;

/// <summary>
/// Builds a small ONNX model (ModelProto, opset 13) node by node, written as protobuf bytes with <see cref="Protobuf"/>.
/// Field numbers follow onnx.proto.
/// </summary>
public sealed class OnnxGraph
{
    public const int Float = 1;
    public const int Int64 = 7;
    public const int Bool = 9;

    private readonly List<Protobuf> _nodes = [];
    private readonly List<Protobuf> _initializers = [];
    private readonly List<Protobuf> _inputs = [];
    private readonly List<Protobuf> _outputs = [];
    private readonly List<(string Key, string Value)> _metadata = [];

    /// <summary>A graph input; dimensions are names (symbolic) or numbers as strings.</summary>
    public OnnxGraph Input(string name, int elementType, params string[] dimensions)
    {
        _inputs.Add(ValueInfo(name, elementType, dimensions));
        return this;
    }

    public OnnxGraph Output(string name, int elementType, params string[] dimensions)
    {
        _outputs.Add(ValueInfo(name, elementType, dimensions));
        return this;
    }

    public OnnxGraph FloatTensor(string name, long[] dimensions, float[] values)
    {
        var tensor = new Protobuf();
        foreach (var dimension in dimensions)
        {
            tensor.Varint(1, dimension);
        }

        tensor.Varint(2, Float).String(8, name);
        tensor.Bytes(9, [.. values.SelectMany(BitConverter.GetBytes)]);
        _initializers.Add(tensor);
        return this;
    }

    public OnnxGraph Int64Tensor(string name, long[] dimensions, long[] values)
    {
        var tensor = new Protobuf();
        foreach (var dimension in dimensions)
        {
            tensor.Varint(1, dimension);
        }

        tensor.Varint(2, Int64).String(8, name);
        tensor.Bytes(9, [.. values.SelectMany(BitConverter.GetBytes)]);
        _initializers.Add(tensor);
        return this;
    }

    /// <summary>A node; <paramref name="intAttributes"/> become INT attributes (e.g. Cast's <c>to</c>, Gather's <c>axis</c>).</summary>
    public OnnxGraph Node(string opType, string[] inputs, string[] outputs, params (string Name, long Value)[] intAttributes)
    {
        var node = new Protobuf();
        foreach (var input in inputs)
        {
            node.String(1, input);
        }

        foreach (var output in outputs)
        {
            node.String(2, output);
        }

        node.String(3, $"{opType}_{_nodes.Count}").String(4, opType);
        foreach (var (name, value) in intAttributes)
        {
            node.Message(5, new Protobuf().String(1, name).Varint(3, value).Varint(20, 2));
        }

        _nodes.Add(node);
        return this;
    }

    /// <summary>A metadata property of the model (<c>metadata_props</c>), as exporters write <c>names</c> or <c>task</c>.</summary>
    public OnnxGraph Metadata(string key, string value)
    {
        _metadata.Add((key, value));
        return this;
    }

    public byte[] ToModel()
    {
        var graph = new Protobuf();
        foreach (var node in _nodes)
        {
            graph.Message(1, node);
        }

        graph.String(2, "test-graph");
        foreach (var initializer in _initializers)
        {
            graph.Message(5, initializer);
        }

        foreach (var input in _inputs)
        {
            graph.Message(11, input);
        }

        foreach (var output in _outputs)
        {
            graph.Message(12, output);
        }

        var model = new Protobuf()
            .Varint(1, 8)
            .String(2, "TextExamples.Testing")
            .Message(7, graph)
            .Message(8, new Protobuf().String(1, "").Varint(2, 13));
        foreach (var (key, value) in _metadata)
        {
            model.Message(14, new Protobuf().String(1, key).String(2, value));
        }

        return model.ToArray();
    }

    private static Protobuf ValueInfo(string name, int elementType, string[] dimensions)
    {
        var shape = new Protobuf();
        foreach (var dimension in dimensions)
        {
            shape.Message(1, long.TryParse(dimension, out var size) ? new Protobuf().Varint(1, size) : new Protobuf().String(2, dimension));
        }

        var tensorType = new Protobuf().Varint(1, elementType).Message(2, shape);
        return new Protobuf().String(1, name).Message(2, new Protobuf().Message(1, tensorType));
    }
}
