using System.Text.Json.Nodes;
using LabelStudio.ML.Testing;
using Microsoft.Extensions.DependencyInjection;
using SklearnTextClassifier.Tests.Support;
using Xunit;

namespace SklearnTextClassifier.Tests;

/// <summary>Tasks without the text key, with empty text or with a megabyte of text, before and after training.</summary>
public sealed class BadInputTests : IAsyncLifetime
{
    private static readonly string Config = ClassificationProject.LabelConfig();
    private TestBackend _backend = null!;

    public async Task InitializeAsync()
    {
        _backend = await TestBackend.StartAsync<TextClassifierModel>(new Dictionary<string, string?> { ["TRAINING_MODE"] = "sync" }, services => services.AddSingleton<TrainedClassifierCache>());
        var training = TopicCorpus.Training(50);
        for (var i = 0; i < training.Count; i++)
        {
            await ClassificationProject.WebhookAsync(
                _backend,
                ClassificationProject.AnnotationEvent("ANNOTATION_CREATED", i, training[i].Text, ClassificationProject.Annotation(i, training[i].Topic), Config));
        }
    }

    public async Task DisposeAsync() => await _backend.DisposeAsync();

    [Fact]
    public async Task A_task_without_the_text_key_is_422_naming_the_task_and_the_key()
    {
        var failure = await Assert.ThrowsAsync<HttpRequestException>(() => _backend.PredictAsync(
            Config,
            [ClassificationProject.Task(1, "The striker scored."), new JsonObject { ["id"] = 4711, ["data"] = new JsonObject { ["body"] = "The striker scored." } }],
            project: ClassificationProject.Project));

        Assert.Equal(422, (int?)failure.StatusCode);
        Assert.Contains("Task 4711 has no data key 'text'", failure.Message, StringComparison.Ordinal);
        var next = await ClassificationProject.PredictAsync(_backend, Config, ["The striker scored a late goal in the stadium."]);
        Assert.Equal("Sports", next[0].Choice);
    }

    [Fact]
    public async Task Empty_text_gets_an_empty_prediction()
    {
        var predictions = await ClassificationProject.PredictAsync(_backend, Config, ["", "   ", "The senator won the election after the summit."]);

        Assert.Equal([(null, 0.0), (null, 0.0)], predictions.Take(2));
        Assert.Equal("Politics", predictions[2].Choice);
    }

    [Fact]
    public async Task A_megabyte_of_text_is_classified()
    {
        var sentence = "The doctor treated the infection in the emergency room. ";
        var text = string.Concat(Enumerable.Repeat(sentence, (1 << 20) / sentence.Length + 1));

        var predictions = await ClassificationProject.PredictAsync(_backend, Config, [text]);

        Assert.Equal("Health", predictions[0].Choice);
    }

    [Fact]
    public async Task A_config_without_choices_is_answered_as_an_error_and_the_server_keeps_serving()
    {
        using var response = await _backend.PostJsonAsync("/predict", new JsonObject
        {
            ["tasks"] = new JsonArray(ClassificationProject.Task(1, "text")),
            ["project"] = ClassificationProject.Project,
            ["label_config"] = "<View><Text name=\"text\" value=\"$text\"/></View>",
        });

        Assert.False(response.IsSuccessStatusCode);
        Assert.Contains("Choices", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var next = await ClassificationProject.PredictAsync(_backend, Config, ["The bank paid a dividend in the fiscal year."]);
        Assert.Equal("Business", next[0].Choice);
    }
}
