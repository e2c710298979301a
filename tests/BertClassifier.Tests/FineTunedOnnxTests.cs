using System.Text.Json.Nodes;
using LabelStudio.ML.Testing;
using Microsoft.Extensions.DependencyInjection;
using TextExamples.Testing;
using Xunit;

namespace BertClassifier.Tests;

/// <summary>A user-supplied fine-tuned classifier (BERT_ONNX_DIR), here a tiny ONNX graph the test writes.</summary>
public sealed class FineTunedOnnxTests(ClassifierFixture fixture) : IClassFixture<ClassifierFixture>, IDisposable
{
    private const string Config = """<View><Text name="text" value="$text"/><Choices name="sentiment" toName="text"><Choice value="Positive"/><Choice value="Negative"/></Choices></View>""";
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("bert-onnx-");

    [Fact]
    public async Task Logits_of_the_fine_tuned_model_become_the_choice_and_its_softmax_score()
    {
        // Vocabulary ids: 5 good, 6 bad. Embedding good = (1, 0), bad = (0, 1); logits = sum over unmasked tokens.
        File.WriteAllLines(Path.Combine(_folder.FullName, "vocab.txt"), ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "good", "bad", "movie"]);
        File.WriteAllText(Path.Combine(_folder.FullName, "config.json"), """{"id2label": {"0": "POSITIVE", "1": "NEGATIVE"}}""");
        File.WriteAllBytes(Path.Combine(_folder.FullName, "model.onnx"), SumOfEmbeddingsClassifier());
        await using var backend = await TestBackend.StartAsync<BertClassifierModel>(
            new Dictionary<string, string?> { ["BERT_ONNX_DIR"] = _folder.FullName },
            services => services.AddSingleton(fixture.Encoder).AddBertClassifier());

        var results = await backend.PredictAsync(Config, [Task(1, "Good movie!"), Task(2, "bad, BAD movie"), Task(3, "")]);

        // softmax(1, 0) = e / (e + 1); softmax(0, 2) = e² / (1 + e²). The labels map case-insensitively to the config's.
        AssertChoice(results[0]!, "Positive", Math.E / (Math.E + 1));
        AssertChoice(results[1]!, "Negative", Math.Exp(2) / (1 + Math.Exp(2)));
        Assert.Empty(results[2]!["result"]!.AsArray());
    }

    public void Dispose() => _folder.Delete(recursive: true);

    private static JsonObject Task(long id, string text) => new() { ["id"] = id, ["data"] = new JsonObject { ["text"] = text } };

    private static void AssertChoice(JsonNode prediction, string choice, double score)
    {
        Assert.Equal(choice, prediction["result"]![0]!["value"]!["choices"]![0]!.GetValue<string>());
        Assert.Equal(score, prediction["score"]!.GetValue<double>(), 5);
    }

    /// <summary>input_ids → Gather(embedding) → × attention mask → ReduceSum over tokens → MatMul(identity) + 0 → logits.</summary>
    private static byte[] SumOfEmbeddingsClassifier()
    {
        float[] embedding = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 1, 0, 0];
        return new OnnxGraph()
            .Input("input_ids", OnnxGraph.Int64, "batch", "tokens")
            .Input("attention_mask", OnnxGraph.Int64, "batch", "tokens")
            .Output("logits", OnnxGraph.Float, "batch", "2")
            .FloatTensor("embedding", [8, 2], embedding)
            .FloatTensor("weights", [2, 2], [1, 0, 0, 1])
            .FloatTensor("bias", [2], [0, 0])
            .Int64Tensor("last_axis", [1], [2])
            .Int64Tensor("token_axis", [1], [1])
            .Node("Gather", ["embedding", "input_ids"], ["embedded"], ("axis", 0))
            .Node("Cast", ["attention_mask"], ["mask_float"], ("to", OnnxGraph.Float))
            .Node("Unsqueeze", ["mask_float", "last_axis"], ["mask3"])
            .Node("Mul", ["embedded", "mask3"], ["masked"])
            .Node("ReduceSum", ["masked", "token_axis"], ["pooled"], ("keepdims", 0))
            .Node("MatMul", ["pooled", "weights"], ["projected"])
            .Node("Add", ["projected", "bias"], ["logits"])
            .ToModel();
    }
}
