using System.Text.Json.Nodes;
using LabelStudio.ML.Testing;
using Microsoft.Extensions.DependencyInjection;
using SklearnTextClassifier.Tests.Support;
using Xunit;

namespace SklearnTextClassifier.Tests;

/// <summary>
/// Training from annotation webhooks (sync mode): each annotation adds its task's text with its choice, an update
/// replaces it, a deletion removes it; skipped annotations and annotations without a choice teach nothing.
/// </summary>
public sealed class AnnotationEventTests
{
    private static readonly string Config = ClassificationProject.LabelConfig();

    [Fact]
    public async Task Before_any_training_every_task_gets_an_empty_prediction()
    {
        await using var backend = await StartAsync();

        var results = await backend.PredictAsync(Config, [ClassificationProject.Task(1, "The striker scored."), ClassificationProject.Task(2, "The bank paid.")], project: ClassificationProject.Project);

        Assert.Equal(2, results.Count);
        Assert.All(results, prediction =>
        {
            Assert.Empty(prediction!["result"]!.AsArray());
            Assert.Equal(0.0, prediction["score"]!.GetValue<double>());
        });
    }

    [Fact]
    public async Task Created_updated_and_deleted_annotations_change_what_the_model_learns_from()
    {
        await using var backend = await StartAsync();
        var training = TopicCorpus.Training(60);
        JsonObject last = null!;
        for (var i = 0; i < training.Count; i++)
        {
            last = await Send(backend, "ANNOTATION_CREATED", i, training[i].Text, ClassificationProject.Annotation(100 + i, training[i].Topic));
        }

        Assert.True(last["result"]!["trained"]!.GetValue<bool>());
        Assert.Equal(60, last["result"]!["examples"]!.GetValue<int>());
        Assert.Equal(TopicCorpus.Topics.Order(StringComparer.Ordinal), last["result"]!["classes"]!.AsArray().Select(node => node!.GetValue<string>()));

        // A skipped annotation and one without a choice add nothing.
        var skipped = await Send(backend, "ANNOTATION_CREATED", 500, "The surgeon operated.", ClassificationProject.Annotation(900, "Health", cancelled: true));
        var empty = await Send(backend, "ANNOTATION_CREATED", 501, "The surgeon operated.", ClassificationProject.Annotation(901, null));
        Assert.Equal(60, skipped["result"]!["examples"]!.GetValue<int>());
        Assert.Equal(60, empty["result"]!["examples"]!.GetValue<int>());

        // An update replaces the annotation's example instead of adding one: Health becomes "Gardening".
        var updated = await Send(backend, "ANNOTATION_UPDATED", 4, training[4].Text, ClassificationProject.Annotation(104, "Gardening"));
        Assert.Equal(60, updated["result"]!["examples"]!.GetValue<int>());
        Assert.Contains("Gardening", updated["result"]!["classes"]!.AsArray().Select(node => node!.GetValue<string>()));

        // Deleting it and every other Business example leaves four classes.
        var businessIds = Enumerable.Range(0, training.Count).Where(i => training[i].Topic == "Business").Select(i => 100L + i);
        var deleted = await ClassificationProject.WebhookAsync(backend, ClassificationProject.AnnotationsDeleted(Config, [104, .. businessIds]));
        Assert.Equal(60 - 1 - 12, deleted["result"]!["examples"]!.GetValue<int>());
        Assert.Equal(["Health", "Politics", "Sports", "Technology"], deleted["result"]!["classes"]!.AsArray().Select(node => node!.GetValue<string>()));

        var predictions = await ClassificationProject.PredictAsync(backend, Config, ["The chief executive reported record profits in the fiscal year."]);
        Assert.NotEqual("Business", predictions[0].Choice);
        Assert.NotNull(predictions[0].Choice);
    }

    [Fact]
    public async Task A_class_the_config_no_longer_offers_is_never_predicted()
    {
        await using var backend = await StartAsync();
        var training = TopicCorpus.Training(50);
        for (var i = 0; i < training.Count; i++)
        {
            await Send(backend, "ANNOTATION_CREATED", i, training[i].Text, ClassificationProject.Annotation(100 + i, training[i].Topic));
        }

        var sports = "The goalkeeper won the championship after the tournament on Monday.";
        var full = await ClassificationProject.PredictAsync(backend, Config, [sports]);
        var withoutSports = await ClassificationProject.PredictAsync(backend, ClassificationProject.LabelConfig("Politics", "Technology", "Business", "Health", "Weather"), [sports]);

        Assert.Equal("Sports", full[0].Choice);
        Assert.NotNull(withoutSports[0].Choice);
        Assert.NotEqual("Sports", withoutSports[0].Choice);
        Assert.True(withoutSports[0].Score < full[0].Score);
    }

    [Fact]
    public async Task One_choice_only_does_not_train()
    {
        await using var backend = await StartAsync();

        var answer = await Send(backend, "ANNOTATION_CREATED", 1, "The striker scored a late goal.", ClassificationProject.Annotation(1, "Sports"));

        Assert.False(answer["result"]!["trained"]!.GetValue<bool>());
        var results = await backend.PredictAsync(Config, [ClassificationProject.Task(1, "The striker scored.")], project: ClassificationProject.Project);
        Assert.Empty(results[0]!["result"]!.AsArray());
    }

    private static Task<TestBackend> StartAsync() =>
        TestBackend.StartAsync<TextClassifierModel>(new Dictionary<string, string?> { ["TRAINING_MODE"] = "sync" }, services => services.AddSingleton<TrainedClassifierCache>());

    private static Task<JsonObject> Send(TestBackend backend, string action, long taskId, string text, JsonObject annotation) =>
        ClassificationProject.WebhookAsync(backend, ClassificationProject.AnnotationEvent(action, 10_000 + taskId, text, annotation, Config));
}
