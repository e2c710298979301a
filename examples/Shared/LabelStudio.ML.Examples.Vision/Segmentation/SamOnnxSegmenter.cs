using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using OpenCvSharp;

namespace LabelStudio.ML.Examples.Vision;

/// <summary>
/// Segment Anything (SAM, MobileSAM, SAM 2) from a user's ONNX export: an image encoder run once per image (its
/// output is cached by the image's hash, see <see cref="EmbeddingCache{T}"/>) and a prompt decoder run per click.
/// Which family the files are is read from the decoder's inputs (<see cref="SamFamily"/>); the two differ in how the
/// image is fitted into the encoder's square and in what the encoder hands the decoder.
/// </summary>
public sealed class SamOnnxSegmenter : IPromptSegmenter, IDisposable
{
    /// <summary>The signatures this runner accepts, for error messages and the README.</summary>
    public const string ExpectedSignature =
        "encoder: one float input [1,3,1024,1024] (RGB, normalised); " +
        "SAM/MobileSAM decoder (segment_anything export_onnx_model.py): image_embeddings [1,256,64,64], point_coords [1,N,2], point_labels [1,N], " +
        "mask_input [1,1,256,256], has_mask_input [1], orig_im_size [2] -> masks [1,K,H,W], iou_predictions [1,K] (low_res_masks optional); " +
        "SAM 2 decoder: image_embed [1,256,64,64], high_res_feats_0 [1,32,256,256], high_res_feats_1 [1,64,128,128] (the encoder's outputs of the same names), " +
        "point_coords, point_labels, mask_input, has_mask_input (orig_im_size optional) -> masks, iou_predictions";

    private readonly InferenceSession _encoder;
    private readonly InferenceSession _decoder;
    private readonly SamDecoderAdapter _adapter;
    private readonly string _encoderInput;
    private readonly int _inputSize;
    private readonly int[] _maskInputDimensions;
    private readonly EmbeddingCache<SamEmbedding> _cache;
    private int _encoderRuns;

    /// <summary>Loads and checks the two models.</summary>
    /// <exception cref="InvalidOperationException">A file is missing, is no ONNX model, or does not have the expected signature (the message names the file and the signature).</exception>
    public SamOnnxSegmenter(string encoderPath, string decoderPath, int cacheEntries = 16, long cacheBytes = 512L << 20)
    {
        _encoder = Load(encoderPath, "encoder");
        try
        {
            _decoder = Load(decoderPath, "decoder");
        }
        catch
        {
            _encoder.Dispose();
            throw;
        }

        try
        {
            _adapter = CheckDecoder(_decoder, decoderPath);
            (_encoderInput, _inputSize) = CheckEncoder(_encoder, encoderPath, _adapter);
            _maskInputDimensions = _decoder.InputMetadata.TryGetValue("mask_input", out var mask) && mask.Dimensions.All(d => d > 0)
                ? mask.Dimensions
                : [1, 1, _inputSize / 4, _inputSize / 4];
        }
        catch
        {
            Dispose();
            throw;
        }

        _cache = new EmbeddingCache<SamEmbedding>(cacheEntries, cacheBytes, e => e.Bytes);
    }

    /// <inheritdoc />
    public string Name => Family == SamFamily.Sam ? "sam-onnx" : "sam2-onnx";

    /// <summary>Which export the decoder is.</summary>
    public SamFamily Family => _adapter.Family;

    /// <summary>How many times the encoder has run (cache misses), for tests and metrics.</summary>
    public int EncoderRuns => Volatile.Read(ref _encoderRuns);

    /// <summary>The embeddings kept for later clicks.</summary>
    public EmbeddingCache<SamEmbedding> Cache => _cache;

    /// <inheritdoc />
    public SegmentedMask Segment(TaskImage image, SegmentPrompt prompt)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(prompt);
        if (prompt.IsEmpty)
        {
            throw new ArgumentException("SAM needs a box or at least one positive point.", nameof(prompt));
        }

        var frame = _adapter.Frame(image.Size, _inputSize);
        var embedding = _cache.GetOrAdd(image.Hash, () => Encode(image, frame));
        return Decode(embedding, frame, prompt);
    }

    private SamEmbedding Encode(TaskImage image, SamFrame frame)
    {
        Interlocked.Increment(ref _encoderRuns);
        var input = new DenseTensor<float>(frame.ToTensor(image.Pixels), [1, 3, _inputSize, _inputSize]);
        using var outputs = _encoder.Run([NamedOnnxValue.CreateFromTensor(_encoderInput, input)]);
        var tensors = outputs.Select(o => (o.Name, o.AsTensor<float>().ToArray(), o.AsTensor<float>().Dimensions.ToArray())).ToList();
        return new SamEmbedding(_adapter.DecoderInputs(tensors), image.Size);
    }

    private SegmentedMask Decode(SamEmbedding embedding, SamFrame frame, SegmentPrompt prompt)
    {
        // SAM's prompt encoding: points labeled 1 (positive) / 0 (negative), a box as its two corners labeled 2 and 3,
        // and without a box one padding point labeled -1.
        var coordinates = new List<float>();
        var labels = new List<float>();
        void Add(Point point, float label)
        {
            var (x, y) = frame.Map(point);
            coordinates.Add(x);
            coordinates.Add(y);
            labels.Add(label);
        }

        foreach (var point in prompt.Positive)
        {
            Add(point, 1);
        }

        foreach (var point in prompt.Negative)
        {
            Add(point, 0);
        }

        if (prompt.Box is { } box)
        {
            Add(box.TopLeft, 2);
            Add(new Point(box.Right, box.Bottom), 3);
        }
        else
        {
            Add(new Point(0, 0), -1);
        }

        var count = labels.Count;
        var inputs = new List<NamedOnnxValue>();
        foreach (var (name, metadata) in _decoder.InputMetadata)
        {
            var value = name switch
            {
                "point_coords" => NamedOnnxValue.CreateFromTensor(name, new DenseTensor<float>(coordinates.ToArray(), [1, count, 2])),
                "point_labels" => Typed(name, metadata, [.. labels], [1, count]),
                "mask_input" => NamedOnnxValue.CreateFromTensor(name, new DenseTensor<float>(_maskInputDimensions)),
                "has_mask_input" => Typed(name, metadata, [0], [1]),
                "orig_im_size" => Typed(name, metadata, [embedding.Image.Height, embedding.Image.Width], [2]),
                _ when embedding.Tensors.TryGetValue(name, out var tensor) => NamedOnnxValue.CreateFromTensor(name, new DenseTensor<float>(tensor.Data, tensor.Dimensions)),
                _ => throw new InvalidOperationException($"The SAM decoder asks for an input \"{name}\" that neither the prompt nor the encoder provides. Expected: {ExpectedSignature}."),
            };
            inputs.Add(value);
        }

        using var outputs = _decoder.Run(inputs);
        var masks = outputs.First(o => o.Name == "masks").AsTensor<float>();
        var scores = outputs.First(o => o.Name == "iou_predictions").AsTensor<float>().ToArray();
        var best = scores.Length == 0 ? 0 : Array.IndexOf(scores, scores.Max());
        var dimensions = masks.Dimensions.ToArray();
        if (dimensions.Length != 4 || best >= dimensions[1])
        {
            throw new InvalidOperationException($"The SAM decoder's masks output has shape [{string.Join(',', dimensions)}], not [1,K,H,W] with K ≥ {best + 1}.");
        }

        var (height, width) = (dimensions[2], dimensions[3]);
        var logits = masks.ToArray().AsSpan(best * height * width, height * width).ToArray();
        return new SegmentedMask(ToImageMask(logits, width, height, frame, embedding.Image), scores.Length == 0 ? null : scores[best]);
    }

    /// <summary>
    /// Mask logits → 0/255 bytes of the image's size. A mask already at the image's size (SAM's export upsamples to
    /// <c>orig_im_size</c>) is thresholded at 0; a smaller one (SAM 2's 256 × 256) covers the encoder's square, so the
    /// image's part of it is cut out and scaled up first.
    /// </summary>
    private static byte[] ToImageMask(float[] logits, int width, int height, SamFrame frame, ImageSize image)
    {
        var mask = new byte[image.Width * image.Height];
        if (width == image.Width && height == image.Height)
        {
            for (var i = 0; i < mask.Length; i++)
            {
                mask[i] = logits[i] > 0 ? (byte)255 : (byte)0;
            }

            return mask;
        }

        using var small = new Mat(height, width, MatType.CV_32FC1);
        small.SetArray(logits);
        var cropWidth = Math.Clamp((int)Math.Round((double)frame.ResizedWidth * width / frame.InputSize), 1, width);
        var cropHeight = Math.Clamp((int)Math.Round((double)frame.ResizedHeight * height / frame.InputSize), 1, height);
        using var crop = new Mat(small, new Rect(0, 0, cropWidth, cropHeight));
        using var full = crop.Resize(new Size(image.Width, image.Height), 0, 0, InterpolationFlags.Linear);
        full.GetArray(out float[] values);
        for (var i = 0; i < mask.Length; i++)
        {
            mask[i] = values[i] > 0 ? (byte)255 : (byte)0;
        }

        return mask;
    }

    // Exports differ in whether labels and sizes are float or integer tensors; follow the model.
    private static NamedOnnxValue Typed(string name, NodeMetadata metadata, float[] values, int[] dimensions) => metadata.ElementDataType switch
    {
        TensorElementType.Int64 => NamedOnnxValue.CreateFromTensor(name, new DenseTensor<long>(values.Select(v => (long)v).ToArray(), dimensions)),
        TensorElementType.Int32 => NamedOnnxValue.CreateFromTensor(name, new DenseTensor<int>(values.Select(v => (int)v).ToArray(), dimensions)),
        _ => NamedOnnxValue.CreateFromTensor(name, new DenseTensor<float>(values, dimensions)),
    };

    private static InferenceSession Load(string path, string role)
    {
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"The SAM {role} {path} does not exist.");
        }

        try
        {
            return new InferenceSession(path);
        }
        catch (OnnxRuntimeException error)
        {
            throw new InvalidOperationException($"The SAM {role} {path} is not an ONNX model ONNX Runtime can load: {error.Message}", error);
        }
    }

    private static SamDecoderAdapter CheckDecoder(InferenceSession decoder, string path)
    {
        var adapter = SamDecoderAdapter.For(decoder.InputMetadata);
        if (adapter is null || !decoder.OutputMetadata.ContainsKey("masks") || !decoder.OutputMetadata.ContainsKey("iou_predictions"))
        {
            throw new InvalidOperationException(
                $"The SAM decoder {path} does not have a Segment Anything decoder's signature: it has inputs {Describe(decoder.InputMetadata)} and outputs {Describe(decoder.OutputMetadata)}. Expected: {ExpectedSignature}.");
        }

        return adapter;
    }

    private static (string Input, int Size) CheckEncoder(InferenceSession encoder, string path, SamDecoderAdapter adapter)
    {
        var inputs = encoder.InputMetadata;
        var input = inputs.Count == 1 ? inputs.First() : default;
        var dimensions = input.Value?.Dimensions;
        var fits = dimensions is { Length: 4 } && dimensions[1] is 3 or -1 && input.Value!.ElementDataType == TensorElementType.Float
            && adapter.AcceptsEncoderOutputs(encoder.OutputMetadata);
        if (!fits)
        {
            throw new InvalidOperationException(
                $"The SAM encoder {path} does not have the signature a {adapter.Family} decoder needs: it has inputs {Describe(inputs)} and outputs {Describe(encoder.OutputMetadata)}. Expected: {ExpectedSignature}.");
        }

        // A fixed spatial size in the model wins (1024 for every published export); a dynamic one means SAM's 1024.
        return (input.Key, dimensions![3] > 0 ? dimensions[3] : 1024);
    }

    private static string Describe(IReadOnlyDictionary<string, NodeMetadata> nodes) =>
        nodes.Count == 0 ? "(none)" : string.Join(", ", nodes.Select(n => $"{n.Key} [{string.Join(',', n.Value.Dimensions)}]"));

    /// <inheritdoc />
    public void Dispose()
    {
        _encoder?.Dispose();
        _decoder?.Dispose();
    }
}
