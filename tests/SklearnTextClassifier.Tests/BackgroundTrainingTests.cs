using LabelStudio.ML.Testing;
using Microsoft.Extensions.DependencyInjection;
using SklearnTextClassifier.Tests.Support;
using Xunit;

namespace SklearnTextClassifier.Tests;

/// <summary>In the default background mode, a burst of annotation webhooks becomes training jobs; once they end, predictions use the new version.</summary>
public sealed class BackgroundTrainingTests
{
    [Fact]
    public async Task Annotation_events_train_in_a_job_and_predictions_switch_to_its_version()
    {
        await using var backend = await TestBackend.StartAsync<TextClassifierModel>(services: services => services.AddSingleton<TrainedClassifierCache>());
        var config = ClassificationProject.LabelConfig();
        var training = TopicCorpus.Training(100);
        var jobs = new List<string>();
        for (var i = 0; i < training.Count; i++)
        {
            var answer = await ClassificationProject.WebhookAsync(
                backend,
                ClassificationProject.AnnotationEvent("ANNOTATION_CREATED", i, training[i].Text, ClassificationProject.Annotation(i, training[i].Topic), config));
            jobs.Add(answer["job"]!.GetValue<string>());
        }

        foreach (var id in jobs.Distinct())
        {
            string state;
            var deadline = DateTime.UtcNow.AddMinutes(2);
            do
            {
                await Task.Delay(100);
                state = (await ClassificationProject.GetJobAsync(backend, id))!["state"]!.GetValue<string>();
            }
            while (state is "queued" or "running" && DateTime.UtcNow < deadline);

            Assert.Equal("succeeded", state);
        }

        var results = await backend.PredictAsync(config, [ClassificationProject.Task(1, "The senator passed a new law on the election campaign.")], project: ClassificationProject.Project);
        var prediction = results[0]!;
        Assert.Equal("Politics", prediction["result"]![0]!["value"]!["choices"]![0]!.GetValue<string>());
        Assert.NotEqual("0.0.1", prediction["model_version"]!.GetValue<string>());
    }
}
