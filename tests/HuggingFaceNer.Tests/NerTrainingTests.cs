using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using TextExamples.Testing;
using Xunit;
using static TextExamples.Testing.LabelStudioJson;

namespace HuggingFaceNer.Tests;

/// <summary>Training from span annotations through the real webhook path; entity F1 on held-out sentences.</summary>
public sealed class NerTrainingTests(NerFixture fixture) : IClassFixture<NerFixture>
{
    private static JsonObject TextTask(long id, string text) => new() { ["id"] = id, ["data"] = new JsonObject { ["text"] = text } };

    [Fact]
    public async Task Start_training_learns_entities_that_generalise_to_unseen_names_and_phrasing()
    {
        await using var labelStudio = await FakeLabelStudio.StartAsync();
        var train = EntityDataSet.Train(160);
        for (var i = 0; i < train.Count; i++)
        {
            var spans = train[i].Entities.Select(e => Span("label", e.Start, e.End, train[i].Text[e.Start..e.End], e.Label)).ToArray();
            labelStudio.Tasks.Add(Task(i + 1, train[i].Text, Annotation(1000 + i, false, spans)));
        }

        await using var backend = await fixture.StartAsync(labelStudio.Settings);
        var before = await backend.PredictAsync(NerFixture.LabelConfig, [TextTask(1, train[0].Text)]);
        Assert.Empty(before[0]!["result"]!.AsArray());

        var answer = await PostWebhookAsync(backend, Webhook("START_TRAINING", NerFixture.LabelConfig));
        Assert.True(answer["result"]!["trained"]!.GetValue<bool>(), answer.ToJsonString());

        var heldOut = EntityDataSet.HeldOut(60);
        var results = await backend.PredictAsync(NerFixture.LabelConfig, heldOut.Select((s, i) => TextTask(5000 + i, s.Text)));
        var (precision, recall, f1) = EntitySpans.Score(heldOut, results);
        // Exact-span entity F1 on names and templates never seen in training; measured in the README.
        Assert.True(f1 >= 0.6, $"entity F1 {f1:0.000} (precision {precision:0.000}, recall {recall:0.000})");
    }

    [Fact]
    public async Task Annotation_webhooks_train_and_bad_input_is_answered_cleanly()
    {
        await using var backend = await fixture.StartAsync();
        var train = EntityDataSet.Train(40, seed: 21);
        JsonObject? last = null;
        for (var i = 0; i < train.Count; i++)
        {
            var spans = train[i].Entities.Select(e => Span("label", e.Start, e.End, train[i].Text[e.Start..e.End], e.Label)).ToArray();
            last = await PostWebhookAsync(backend, Webhook("ANNOTATION_CREATED", NerFixture.LabelConfig, Task(i + 1, train[i].Text), Annotation(100 + i, false, spans)));
        }

        Assert.True(last!["result"]!["trained"]!.GetValue<bool>(), last.ToJsonString());

        // Code-point offsets: an emoji before the name counts as one character, as in Python and Label Studio.
        const string Emoji = "😀 Maria Lopez joined Acme Corporation in Paris last year.";
        var results = await backend.PredictAsync(NerFixture.LabelConfig, [TextTask(1, Emoji), TextTask(2, "")]);
        var person = results[0]!["result"]!.AsArray().Single(r => r!["value"]!["labels"]![0]!.GetValue<string>() == "PER")!["value"]!;
        Assert.Equal(2, person["start"]!.GetValue<int>());
        Assert.Equal(13, person["end"]!.GetValue<int>());
        Assert.Equal("Maria Lopez", person["text"]!.GetValue<string>());
        Assert.Empty(results[1]!["result"]!.AsArray());

        // One megabyte: truncated to 512 tokens, no crash.
        var huge = new StringBuilder().Insert(0, "John Carter was born in Berlin. ", 33_000).ToString();
        var long1 = await backend.PredictAsync(NerFixture.LabelConfig, [TextTask(3, huge)]);
        Assert.All(long1[0]!["result"]!.AsArray(), r => Assert.True(r!["value"]!["end"]!.GetValue<int>() < 4000));

        // A config that knows only LOC (and a label the model never saw): other types are left out.
        const string OnlyPlaces = """<View><Labels name="label" toName="text"><Label value="LOC"/><Label value="DATE"/></Labels><Text name="text" value="$text"/></View>""";
        var places = await backend.PredictAsync(OnlyPlaces, [TextTask(4, "Maria Lopez was born in Madrid.")]);
        Assert.All(places[0]!["result"]!.AsArray(), r => Assert.Equal("LOC", r!["value"]!["labels"]![0]!.GetValue<string>()));

        // A task without the text key: 422 naming task and key.
        var body = new JsonObject
        {
            ["tasks"] = new JsonArray(new JsonObject { ["id"] = 88, ["data"] = new JsonObject { ["body"] = "x" } }),
            ["project"] = "1.1700000000",
            ["label_config"] = NerFixture.LabelConfig,
        };
        using var missing = await backend.PostJsonAsync("/predict", body);
        var detail = await missing.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.UnprocessableEntity, missing.StatusCode);
        Assert.Contains("88", detail, StringComparison.Ordinal);
        Assert.Contains("'text'", detail, StringComparison.Ordinal);
    }
}
