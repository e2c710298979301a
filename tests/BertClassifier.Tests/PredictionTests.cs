using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using TextExamples.Testing;
using Xunit;
using static TextExamples.Testing.LabelStudioJson;

namespace BertClassifier.Tests;

/// <summary>Predictions before training, and bad input.</summary>
public sealed class PredictionTests(ClassifierFixture fixture) : IClassFixture<ClassifierFixture>
{
    private static JsonObject TextTask(long id, string text) => new() { ["id"] = id, ["data"] = new JsonObject { ["text"] = text } };

    [Fact]
    public async Task Before_any_training_every_task_gets_an_empty_prediction()
    {
        await using var backend = await fixture.StartAsync();

        var results = await backend.PredictAsync(ClassifierFixture.LabelConfig, [TextTask(1, "The striker scored."), TextTask(2, "The senator voted.")]);

        Assert.Equal(2, results.Count);
        Assert.All(results, result =>
        {
            Assert.Empty(result!["result"]!.AsArray());
            Assert.Equal(0.0, result["score"]!.GetValue<double>());
        });
    }

    [Fact]
    public async Task Bad_input_is_answered_without_breaking_the_server()
    {
        await using var backend = await fixture.StartAsync();
        var train = TopicDataSet.Train(16, seed: 5);
        for (var i = 0; i < train.Count; i++)
        {
            await PostWebhookAsync(backend, Webhook("ANNOTATION_CREATED", ClassifierFixture.LabelConfig, Task(i + 1, train[i].Text), Annotation(i + 1, false, Choice("topic", train[i].Topic))));
        }

        // A task without the text key: 422 naming the task and the key.
        var body = new JsonObject
        {
            ["tasks"] = new JsonArray(new JsonObject { ["id"] = 77, ["data"] = new JsonObject { ["content"] = "x" } }),
            ["project"] = "1.1700000000",
            ["label_config"] = ClassifierFixture.LabelConfig,
        };
        using var missing = await backend.PostJsonAsync("/predict", body);
        var detail = await missing.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.UnprocessableEntity, missing.StatusCode);
        Assert.Contains("77", detail, StringComparison.Ordinal);
        Assert.Contains("'text'", detail, StringComparison.Ordinal);

        // Empty text: an empty prediction. One megabyte: truncated, still a prediction.
        var huge = new StringBuilder().Insert(0, "The goalkeeper saved a penalty in the cup final. ", 21_000).ToString();
        var results = await backend.PredictAsync(ClassifierFixture.LabelConfig, [TextTask(1, ""), TextTask(2, huge)]);
        Assert.Empty(results[0]!["result"]!.AsArray());
        Assert.Equal("Sports", results[1]!["result"]![0]!["value"]!["choices"]![0]!.GetValue<string>());

        // A config whose choices the head does not know (Weather), or only partly: unknown ones are never predicted.
        const string Partial = """<View><Text name="text" value="$text"/><Choices name="topic" toName="text"><Choice value="Weather"/><Choice value="Food"/></Choices></View>""";
        var partial = await backend.PredictAsync(Partial, [TextTask(3, "The senator voted against the bill.")]);
        Assert.Equal("Food", partial[0]!["result"]![0]!["value"]!["choices"]![0]!.GetValue<string>());
        const string Unknown = """<View><Text name="text" value="$text"/><Choices name="topic" toName="text"><Choice value="Weather"/></Choices></View>""";
        var none = await backend.PredictAsync(Unknown, [TextTask(4, "The senator voted against the bill.")]);
        Assert.Empty(none[0]!["result"]!.AsArray());
    }
}
