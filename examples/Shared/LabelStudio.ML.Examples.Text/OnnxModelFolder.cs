using System.Globalization;
using System.Text.Json.Nodes;

namespace LabelStudio.ML.Examples.Text;

/// <summary>
/// A user-supplied BERT-style ONNX model as Hugging Face exports it to a folder: <c>model.onnx</c>, the vocabulary
/// <c>vocab.txt</c> and <c>config.json</c> whose <c>id2label</c> names the output classes. Sequence classifiers
/// (<c>logits</c> [batch, classes]) and token classifiers (<c>logits</c> [batch, tokens, classes]) both load this way.
/// </summary>
public sealed class OnnxModelFolder : IDisposable
{
    private OnnxModelFolder(OnnxTextModel model, WordPieceEncoder tokenizer, IReadOnlyList<string> labels, string outputName, int maxTokens)
    {
        Model = model;
        Tokenizer = tokenizer;
        Labels = labels;
        OutputName = outputName;
        MaxTokens = maxTokens;
    }

    /// <summary>The ONNX model.</summary>
    public OnnxTextModel Model { get; }

    /// <summary>The model's tokenizer.</summary>
    public WordPieceEncoder Tokenizer { get; }

    /// <summary>Class names by output index (<c>id2label</c>).</summary>
    public IReadOnlyList<string> Labels { get; }

    /// <summary>The output read: <c>logits</c> when the graph has it, else its first output.</summary>
    public string OutputName { get; }

    /// <summary>The token limit: <c>max_position_embeddings</c> of config.json, else 512.</summary>
    public int MaxTokens { get; }

    /// <summary>Loads the folder; the messages of its exceptions name the file that is missing or wrong.</summary>
    /// <exception cref="InvalidDataException">A file is missing or does not hold what it should.</exception>
    public static OnnxModelFolder Load(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        var config = JsonNode.Parse(File.ReadAllText(Required(directory, "config.json"))) as JsonObject
            ?? throw new InvalidDataException($"{Path.Combine(directory, "config.json")} is not a JSON object.");
        if (config["id2label"] is not JsonObject id2label || id2label.Count == 0)
        {
            throw new InvalidDataException($"{Path.Combine(directory, "config.json")} has no 'id2label' naming the model's classes.");
        }

        var labels = new string[id2label.Count];
        foreach (var (key, value) in id2label)
        {
            if (!int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var index) || index >= labels.Length || value is null)
            {
                throw new InvalidDataException($"config.json id2label must map 0…{labels.Length - 1} to names; found key '{key}'.");
            }

            labels[index] = value.GetValue<string>();
        }

        var lowerCase = config["do_lower_case"] is not JsonValue lower || !lower.TryGetValue<bool>(out var flag) || flag;
        var maxTokens = config["max_position_embeddings"] is JsonValue positions && positions.TryGetValue<int>(out var limit) && limit >= 2 ? limit : 512;
        using var vocab = File.OpenRead(Required(directory, "vocab.txt"));
        var tokenizer = WordPieceEncoder.FromVocab(vocab, lowerCase);
        var model = new OnnxTextModel(File.ReadAllBytes(Required(directory, "model.onnx")));
        var output = model.OutputNames.Contains("logits") ? "logits" : model.OutputNames[0];
        return new OnnxModelFolder(model, tokenizer, labels, output, maxTokens);
    }

    /// <summary>Runs <paramref name="texts"/> in one call; returns the output and its dimensions.</summary>
    public (float[] Values, int[] Dimensions) Run(IReadOnlyList<EncodedText> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        return Model.Run([.. texts.Select(text => text.Ids)], Tokenizer.PadId, OutputName);
    }

    /// <inheritdoc />
    public void Dispose() => Model.Dispose();

    private static string Required(string directory, string file)
    {
        var path = Path.Combine(directory, file);
        return File.Exists(path) ? path : throw new InvalidDataException($"The model folder {directory} has no {file}.");
    }
}
