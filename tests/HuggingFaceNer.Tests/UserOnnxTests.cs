using System.Text.Json.Nodes;
using LabelStudio.ML.Testing;
using Microsoft.Extensions.DependencyInjection;
using TextExamples.Testing;
using Xunit;

namespace HuggingFaceNer.Tests;

/// <summary>A user-supplied BIO token classifier (NER_ONNX_DIR), here a tiny ONNX graph the test writes.</summary>
public sealed class UserOnnxTests(NerFixture fixture) : IClassFixture<NerFixture>, IDisposable
{
    private const string Config = """<View><Labels name="label" toName="text"><Label value="Person"/><Label value="Location"/></Labels><Text name="text" value="$text"/></View>""";
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("ner-onnx-");

    [Fact]
    public async Task Token_logits_become_spans_with_exact_offsets_and_mean_scores()
    {
        File.WriteAllLines(Path.Combine(_folder.FullName, "vocab.txt"), ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "john", "smith", "visited", "paris"]);
        File.WriteAllText(Path.Combine(_folder.FullName, "config.json"), """{"id2label": {"0": "O", "1": "B-PERSON", "2": "I-PERSON", "3": "B-LOCATION", "4": "I-LOCATION"}}""");
        // Each token's logits are one row of a table: 3 for its tag, 0 for the others.
        var table = new float[9 * 5];
        int[] tagOfId = [0, 0, 0, 0, 0, 1, 2, 0, 3];
        for (var id = 0; id < 9; id++)
        {
            table[(id * 5) + tagOfId[id]] = 3;
        }

        File.WriteAllBytes(Path.Combine(_folder.FullName, "model.onnx"), new OnnxGraph()
            .Input("input_ids", OnnxGraph.Int64, "batch", "tokens")
            .Input("attention_mask", OnnxGraph.Int64, "batch", "tokens")
            .Output("logits", OnnxGraph.Float, "batch", "tokens", "5")
            .FloatTensor("table", [9, 5], table)
            .Node("Gather", ["table", "input_ids"], ["logits"], ("axis", 0))
            .ToModel());
        await using var backend = await TestBackend.StartAsync<NerModel>(
            new Dictionary<string, string?> { ["NER_ONNX_DIR"] = _folder.FullName },
            services => services.AddSingleton(fixture.Encoder).AddHuggingFaceNer());

        var results = await backend.PredictAsync(Config, [new JsonObject { ["id"] = 1, ["data"] = new JsonObject { ["text"] = "John Smith visited Paris." } }]);

        var regions = results[0]!["result"]!.AsArray();
        Assert.Equal(2, regions.Count);
        var score = Math.Exp(3) / (Math.Exp(3) + 4);
        AssertSpan(regions[0]!, 0, 10, "John Smith", "Person", score);
        AssertSpan(regions[1]!, 19, 24, "Paris", "Location", score);
        Assert.Equal(score, results[0]!["score"]!.GetValue<double>(), 5);
    }

    public void Dispose() => _folder.Delete(recursive: true);

    private static void AssertSpan(JsonNode region, int start, int end, string text, string label, double score) =>
        EntitySpans.AssertSpan(region, start, end, text, label, score, precision: 5);
}
