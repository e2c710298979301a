using LabelStudio.ML.Examples.Vision;
using LabelStudio.ML.Testing;
using OpenCvSharp;
using VisionExamples.Testing;
using Xunit;

namespace GroundingDino.Tests;

/// <summary>
/// The Grounding DINO ONNX runner on a generated model with the Hugging Face export's signature and constant
/// outputs. The prompt "face . cat" is tokenized as [CLS] face . cat . [SEP], so token 1 is "face" and token 3
/// "cat"; the logits say which query found which.
/// </summary>
public sealed class GroundingDinoOnnxTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("grounding-dino-");
    private readonly string _model;

    public GroundingDinoOnnxTests()
    {
        _model = Path.Combine(_folder.FullName, "model.onnx");
        File.WriteAllLines(Path.Combine(_folder.FullName, "vocab.txt"), GroundingDinoModels.Vocabulary);
        float[][] logits =
        [
            [-9, 3, -9, -9, -9, -9],   // query 0: "face", σ(3) = 0.953
            [-9, -9, -9, 2, -9, -9],   // query 1: "cat", σ(2) = 0.881
            [-9, -1, -9, -9, -9, -9],  // query 2: σ(-1) = 0.269, below the box threshold
            [-9, 2.5f, -9, -9, -9, -9], // query 3: "face" again, overlapping query 0: suppressed
        ];
        float[][] boxes = [[0.5f, 0.5f, 0.25f, 0.5f], [0.25f, 0.25f, 0.125f, 0.125f], [0.5f, 0.5f, 1, 1], [0.5f, 0.52f, 0.25f, 0.5f]];
        File.WriteAllBytes(_model, GroundingDinoModels.Model(logits, boxes));
    }

    [Fact]
    public async Task Boxes_are_scored_and_labeled_by_their_best_prompt_token()
    {
        await using var backend = await TestBackend.StartAsync<GroundingDinoModel>(
            new Dictionary<string, string?> { ["GROUNDING_DINO_MODEL"] = _model }, s => s.AddGroundedDetector());
        var config = CascadeGroundingTests.Config.Replace("<Label value=\"Eye\" background=\"green\"/>", "<Label value=\"Cat\" background=\"green\"/>", StringComparison.Ordinal);

        var results = await backend.PredictAsync(config, [CascadeGroundingTests.Portrait(1)], SmartToolContext.Of(SmartToolContext.Prompt("Face . cat")));

        var regions = results[0]!["result"]!.AsArray();
        Assert.Equal(2, regions.Count);
        Assert.Equal("Face", regions[0]!["value"]!["rectanglelabels"]![0]!.GetValue<string>());
        Assert.Equal(1 / (1 + Math.Exp(-3)), regions[0]!["score"]!.GetValue<double>(), 6);
        // Centre (256, 256), size 128 × 256 in the 512 × 512 portrait.
        Assert.Equal(new Rect(192, 128, 128, 256), CascadeGroundingTests.Box(regions[0]!));
        Assert.Equal("Cat", regions[1]!["value"]!["rectanglelabels"]![0]!.GetValue<string>());
        Assert.Equal(1 / (1 + Math.Exp(-2)), regions[1]!["score"]!.GetValue<double>(), 6);
        Assert.Equal(new Rect(96, 96, 64, 64), CascadeGroundingTests.Box(regions[1]!));
    }

    [Fact]
    public async Task A_text_threshold_above_the_token_scores_drops_the_boxes()
    {
        await using var backend = await TestBackend.StartAsync<GroundingDinoModel>(
            new Dictionary<string, string?> { ["GROUNDING_DINO_MODEL"] = _model, ["TEXT_THRESHOLD"] = "0.9" }, s => s.AddGroundedDetector());

        var results = await backend.PredictAsync(CascadeGroundingTests.Config, [CascadeGroundingTests.Portrait(1)], SmartToolContext.Of(SmartToolContext.Prompt("face . cat")));

        // Only "face" (0.953) passes 0.9.
        Assert.Equal("Face", results[0]!["result"]!.AsArray().Single()!["value"]!["rectanglelabels"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task A_model_given_by_URL_brings_vocab_txt_from_the_same_folder_of_the_server_and_predicts_as_the_file_does()
    {
        await using var server = await TextExamples.Testing.LoopbackFileServer.StartAsync();
        var url = server.AddFile("gdino", _model);
        server.AddFile("gdino", Path.Combine(_folder.FullName, "vocab.txt"));
        string fromFile;
        await using (var backend = await TestBackend.StartAsync<GroundingDinoModel>(
            new Dictionary<string, string?> { ["GROUNDING_DINO_MODEL"] = _model }, s => s.AddGroundedDetector()))
        {
            fromFile = Boxes(await backend.PredictAsync(CascadeGroundingTests.Config, [CascadeGroundingTests.Portrait(1)], SmartToolContext.Of(SmartToolContext.Prompt("face . cat"))));
        }

        Assert.Contains("\"rectanglelabels\":[\"Face\"]", fromFile, StringComparison.Ordinal);

        await using (var backend = await TestBackend.StartAsync<GroundingDinoModel>(
            new Dictionary<string, string?> { ["GROUNDING_DINO_MODEL"] = url.AbsoluteUri }, s => s.AddGroundedDetector()))
        {
            Assert.Equal(fromFile, Boxes(await backend.PredictAsync(CascadeGroundingTests.Config, [CascadeGroundingTests.Portrait(1)], SmartToolContext.Of(SmartToolContext.Prompt("face . cat")))));
        }

        Assert.Equal(1, server.Requests("gdino/model.onnx"));
        Assert.Equal(1, server.Requests("gdino/vocab.txt"));
    }

    [Fact]
    public async Task A_model_URL_without_vocab_txt_beside_it_stops_the_start_naming_the_vocabulary_and_its_URL()
    {
        await using var server = await TextExamples.Testing.LoopbackFileServer.StartAsync();
        var url = server.AddFile("gdino", _model);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => TestBackend.StartAsync<GroundingDinoModel>(
            new Dictionary<string, string?> { ["GROUNDING_DINO_MODEL"] = url.AbsoluteUri }, s => s.AddGroundedDetector()));

        Assert.Equal($"GROUNDING_DINO_VOCAB (vocab.txt beside GROUNDING_DINO_MODEL): could not download {server.Url}gdino/vocab.txt: the server answered 404 Not Found", error.Message);
    }

    [Fact]
    public async Task A_model_without_the_signature_stops_the_start_naming_the_file()
    {
        var wrong = Path.Combine(_folder.FullName, "wrong.onnx");
        File.WriteAllBytes(wrong, SamModels.SamEncoder());

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => TestBackend.StartAsync<GroundingDinoModel>(
            new Dictionary<string, string?> { ["GROUNDING_DINO_MODEL"] = wrong }, s => s.AddGroundedDetector()));

        Assert.Contains(wrong, error.Message, StringComparison.Ordinal);
        Assert.Contains("pixel_values", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _folder.Delete(recursive: true);

    /// <summary>The labels, scores and boxes of a prediction (region ids are random).</summary>
    private static string Boxes(System.Text.Json.Nodes.JsonArray results) => string.Join(
        "; ",
        results[0]!["result"]!.AsArray().Select(r => $"{r!["value"]!.ToJsonString()} {r["score"]}"));
}
