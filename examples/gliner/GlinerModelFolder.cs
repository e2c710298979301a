using System.Text.Json.Nodes;
using LabelStudio.ML.Examples.Text;

namespace Gliner;

/// <summary>
/// What a GLiNER model folder holds besides <c>model.onnx</c>: the word-piece vocabulary (<c>vocab.txt</c>, with the
/// prompt tokens <c>&lt;&lt;ENT&gt;&gt;</c> and <c>&lt;&lt;SEP&gt;&gt;</c> in it or in <c>added_tokens.json</c>),
/// <c>gliner_config.json</c> (<c>max_width</c>, <c>max_len</c>, optional <c>ent_token</c>/<c>sep_token</c>) and an
/// optional <c>tokenizer_config.json</c> (<c>do_lower_case</c>, default false).
/// </summary>
internal sealed record GlinerModelFolder(WordPieceEncoder Tokenizer, long EntityTokenId, long SeparatorTokenId, int MaxWidth, int MaxWords, string ModelPath)
{
    /// <summary>Reads the folder; errors name the file that is missing or wrong.</summary>
    public static GlinerModelFolder Load(string directory)
    {
        var config = ReadObject(directory, "gliner_config.json", required: true)!;
        var maxWidth = Integer(config, "max_width", 12);
        var maxWords = Integer(config, "max_len", 384);
        var entityToken = config["ent_token"]?.GetValue<string>() ?? "<<ENT>>";
        var separatorToken = config["sep_token"]?.GetValue<string>() ?? "<<SEP>>";
        var lowerCase = ReadObject(directory, "tokenizer_config.json", required: false)?["do_lower_case"]?.GetValue<bool>() ?? false;

        var vocabPath = Required(directory, "vocab.txt");
        var vocabulary = File.ReadLines(vocabPath).Select((token, index) => (token, index)).GroupBy(pair => pair.token, StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => (long)group.First().index, StringComparer.Ordinal);
        var added = ReadObject(directory, "added_tokens.json", required: false);
        long Id(string token) =>
            added?[token] is JsonValue value ? value.GetValue<long>()
            : vocabulary.TryGetValue(token, out var id) ? id
            : throw new InvalidDataException($"The GLiNER folder {directory} has no id for the prompt token {token} (neither in added_tokens.json nor in vocab.txt).");

        using var vocab = File.OpenRead(vocabPath);
        return new GlinerModelFolder(WordPieceEncoder.FromVocab(vocab, lowerCase), Id(entityToken), Id(separatorToken), maxWidth, maxWords, Required(directory, "model.onnx"));
    }

    private static int Integer(JsonObject config, string key, int fallback) =>
        config[key] is JsonValue value && value.TryGetValue<int>(out var number) && number > 0 ? number : fallback;

    private static JsonObject? ReadObject(string directory, string file, bool required)
    {
        var path = Path.Combine(directory, file);
        if (!File.Exists(path))
        {
            return required ? throw new InvalidDataException($"The GLiNER folder {directory} has no {file}.") : null;
        }

        return JsonNode.Parse(File.ReadAllText(path)) as JsonObject ?? throw new InvalidDataException($"{path} is not a JSON object.");
    }

    private static string Required(string directory, string file)
    {
        var path = Path.Combine(directory, file);
        return File.Exists(path) ? path : throw new InvalidDataException($"The GLiNER folder {directory} has no {file}.");
    }
}
