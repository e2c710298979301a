using System.Text;
using System.Text.Json.Nodes;
using LabelStudio.ML.Testing;
using TextExamples.Testing;
using Xunit;

namespace Gliner.Tests;

/// <summary>
/// The GLiNER ONNX runner on a tiny model with GLiNER's signature that the test writes: the logits of the span that
/// starts at word w, of width k, for label c are table[id of w's first sub-token][k][c], found through words_mask,
/// so wrong word masks, word counts or span decoding change the answer.
/// </summary>
public sealed class GlinerOnnxTests : IDisposable
{
    private const string Config = """
        <View>
          <Labels name="label" toName="text">
            <Label value="PER" predicted_values="person"/>
            <Label value="LOC" predicted_values="city"/>
          </Labels>
          <Text name="text" value="$text"/>
        </View>
        """;

    private static readonly string[] Vocabulary = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "<<ENT>>", "<<SEP>>", "person", "city", "john", "smith", "visited", "paris", ".", "##son"];
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("gliner-onnx-");

    public GlinerOnnxTests()
    {
        const int Width = 3, Labels = 2;
        int Id(string token) => Array.IndexOf(Vocabulary, token);
        var table = Enumerable.Repeat(-5f, Vocabulary.Length * Width * Labels).ToArray();
        void Set(string token, int width, int label, float logit) => table[(((Id(token) * Width) + width) * Labels) + label] = logit;
        Set("john", 1, 0, 2);     // "John Smithson" PER: σ(2) = 0.881
        Set("john", 0, 0, 1);     // "John" PER: 0.731, overlaps the better span
        Set("smith", 0, 1, 1.5f); // "Smithson" LOC: 0.818, overlaps too (and "##son" must never be read)
        Set("visited", 0, 0, -1); // below the threshold
        Set("paris", 0, 1, 3);    // "Paris" LOC: σ(3) = 0.953
        Set("paris", 2, 1, 6);    // three words from "Paris": past the end of the text, must be ignored

        File.WriteAllLines(Path.Combine(_folder.FullName, "vocab.txt"), Vocabulary);
        File.WriteAllText(Path.Combine(_folder.FullName, "gliner_config.json"), """{"max_width": 3, "max_len": 384, "model_name": "tiny-test"}""");
        File.WriteAllText(Path.Combine(_folder.FullName, "tokenizer_config.json"), """{"do_lower_case": true}""");
        File.WriteAllBytes(Path.Combine(_folder.FullName, "model.onnx"), new OnnxGraph()
            .Input("input_ids", OnnxGraph.Int64, "batch", "tokens")
            .Input("attention_mask", OnnxGraph.Int64, "batch", "tokens")
            .Input("words_mask", OnnxGraph.Int64, "batch", "tokens")
            .Input("text_lengths", OnnxGraph.Int64, "batch", "1")
            .Input("span_idx", OnnxGraph.Int64, "batch", "spans", "2")
            .Input("span_mask", OnnxGraph.Bool, "batch", "spans")
            .Output("logits", OnnxGraph.Float, "batch", "words", "3", "2")
            .Int64Tensor("one", [], [1])
            .Int64Tensor("axes_0_2", [2], [0, 2])
            .Int64Tensor("axis_1", [1], [1])
            .Int64Tensor("axis_2", [1], [2])
            .FloatTensor("table", [Vocabulary.Length, Width, Labels], table)
            .Node("ReduceMax", ["text_lengths"], ["words"], ("keepdims", 0))
            .Node("Add", ["words", "one"], ["limit"])
            .Node("Range", ["one", "limit", "one"], ["word_numbers"])
            .Node("Unsqueeze", ["word_numbers", "axes_0_2"], ["word_numbers_3d"])
            .Node("Unsqueeze", ["words_mask", "axis_1"], ["words_mask_3d"])
            .Node("Equal", ["words_mask_3d", "word_numbers_3d"], ["is_first"])
            .Node("Cast", ["is_first"], ["is_first_int"], ("to", OnnxGraph.Int64))
            .Node("Unsqueeze", ["input_ids", "axis_1"], ["ids_3d"])
            .Node("Mul", ["is_first_int", "ids_3d"], ["first_ids_3d"])
            .Node("ReduceSum", ["first_ids_3d", "axis_2"], ["first_ids"], ("keepdims", 0))
            .Node("Gather", ["table", "first_ids"], ["logits"], ("axis", 0))
            .ToModel());
    }

    [Fact]
    public async Task Span_logits_become_non_overlapping_spans_with_code_point_offsets()
    {
        await using var backend = await StartAsync();

        var results = await backend.PredictAsync(Config, [Task(1, "😀 John Smithson visited Paris."), Task(2, "Paris."), Task(3, "")]);

        var first = results[0]!["result"]!.AsArray();
        Assert.Equal(2, first.Count);
        AssertSpan(first[0]!, 2, 15, "John Smithson", "PER", Sigmoid(2));
        AssertSpan(first[1]!, 24, 29, "Paris", "LOC", Sigmoid(3));
        Assert.Equal((Sigmoid(2) + Sigmoid(3)) / 2, results[0]!["score"]!.GetValue<double>(), 6);
        // A shorter text in the same batch: padded words and spans change nothing.
        AssertSpan(results[1]!["result"]!.AsArray().Single()!, 0, 5, "Paris", "LOC", Sigmoid(3));
        Assert.Empty(results[2]!["result"]!.AsArray());
    }

    [Fact]
    public async Task A_megabyte_text_is_read_up_to_max_len_words()
    {
        await using var backend = await StartAsync();
        var huge = new StringBuilder().Insert(0, "John Smithson visited. ", 48_000).ToString();

        var results = await backend.PredictAsync(Config, [Task(1, huge)]);

        // max_len is 384 words: 96 sentences of four words, so 96 people, the last one ending in the 96th sentence.
        var regions = results[0]!["result"]!.AsArray();
        Assert.Equal(96, regions.Count);
        Assert.All(regions, r => Assert.Equal("John Smithson", r!["value"]!["text"]!.GetValue<string>()));
        Assert.Equal((95 * 23) + 13, regions[^1]!["value"]!["end"]!.GetValue<int>());
    }

    public void Dispose() => _folder.Delete(recursive: true);

    private Task<TestBackend> StartAsync() => TestBackend.StartAsync<GlinerModel>(
        new Dictionary<string, string?> { ["GLINER_MODEL_DIR"] = _folder.FullName },
        services => services.AddGliner());

    private static JsonObject Task(long id, string text) => new() { ["id"] = id, ["data"] = new JsonObject { ["text"] = text } };

    private static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));

    private static void AssertSpan(JsonNode region, int start, int end, string text, string label, double score) =>
        EntitySpans.AssertSpan(region, start, end, text, label, score, precision: 6);
}
