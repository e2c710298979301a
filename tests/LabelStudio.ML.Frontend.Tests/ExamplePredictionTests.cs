using System.Text.Json.Nodes;
using Xunit;

namespace LabelStudio.ML.Frontend.Tests;

/// <summary>
/// Real predictions of every example backend with a <c>frontend-check.json</c>, shown in Label Studio's own frontend:
/// each task's result items are all loaded and displayed, and the page logs no error.
/// </summary>
[Collection(FrontendCollection.Name)]
public sealed class ExamplePredictionTests(FrontendChecker frontend)
{
    public static TheoryData<string> Examples => [.. ExampleManifest.Names()];

    [Fact]
    public void Every_example_has_a_frontend_check()
    {
        string[] required =
        [
            "bert_classifier", "easyocr", "flair", "gliner", "grounding_dino", "grounding_sam",
            "huggingface_llm", "huggingface_ner", "interactive_substring_matching", "langchain_search_agent", "llm_interactive", "mmdetection",
            "nemo_asr", "segment_anything_2_image", "segment_anything_model", "sklearn_text_classifier", "spacy", "tesseract",
            "timeseries_segmenter", "watsonX", "yolo",
        ];
        Assert.Empty(required.Except(ExampleManifest.Names()));
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public async Task Predictions_render_in_the_Label_Studio_frontend(string example)
    {
        var manifest = ExampleManifest.Load(example);
        await using var backend = await ExampleBackend.StartAsync(manifest);
        if (manifest.Training.Count > 0)
        {
            var trained = await backend.TrainAsync(manifest.LabelConfig, manifest.Training);
            Assert.True(trained?["result"]?["trained"]?.GetValue<bool>() == true, $"training did not finish: {trained?.ToJsonString()}");
        }

        var answer = await backend.PredictAsync(manifest.LabelConfig, manifest.Tasks, manifest.Context);
        var predictions = answer["results"]!.AsArray();
        Assert.Equal(manifest.Tasks.Count, predictions.Count);
        for (var i = 0; i < manifest.Tasks.Count; i++)
        {
            var task = manifest.Tasks[i];
            var sent = predictions[i]!["result"]!.AsArray();
            Assert.True(sent.Count > 0, $"{example}: no result for task {task["id"]}, nothing to show: {answer.ToJsonString()}");

            var verdict = await frontend.CheckAsync(manifest.LabelConfig, task, new JsonArray(predictions[i]!.DeepClone()), $"{example}-task{task["id"]}.png");

            Assert.True(verdict.Ok, $"{example}, task {task["id"]}: {string.Join("; ", verdict.Failures)}\n{verdict}");
            Assert.Equal(sent.Count, verdict.Loaded!.Sum(pair => pair.Value!.GetValue<int>()));
        }
    }
}
