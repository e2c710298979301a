using System.Net;
using System.Text.Json.Nodes;
using LabelStudio.ML.Testing;
using LabelStudio.ML.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace LabelStudio.ML.Tests.Hosting;

/// <summary>SPEC §4: one model per request, the label config and version kept per project, extra params, training.</summary>
public sealed class ModelLifecycleTests
{
    private static readonly Dictionary<string, string?> Sync = new() { ["TRAINING_MODE"] = "sync" };

    [Fact]
    public async Task Setup_stores_the_config_its_parsed_form_and_the_initial_version()
    {
        await using var backend = await TestBackend.StartAsync<KeywordSentimentModel>();
        Assert.Equal("0.0.1", await backend.SetupAsync(Payloads.SentimentConfig, project: "7.1712586036"));

        Assert.Equal(Payloads.SentimentConfig, backend.Store.Get("7", StateKeys.LabelConfig));
        var parsed = JsonNode.Parse(backend.Store.Get("7", StateKeys.ParsedLabelConfig)!)!;
        var expected = JsonNode.Parse("""
            {"sentiment": {"type": "Choices", "to_name": ["text"],
              "inputs": [{"type": "Text", "valueType": null, "value": "text"}],
              "labels": ["Positive", "Negative"],
              "labels_attrs": {"Positive": {"value": "Positive"}, "Negative": {"value": "Negative"}}}}
            """);
        JsonAssert.Equal(expected, parsed);
    }

    [Fact]
    public async Task Extra_params_given_as_text_or_object_reach_the_model_decoded()
    {
        await using var backend = await TestBackend.StartAsync<ExtraParamsModel>();
        await backend.SetupAsync(Payloads.SentimentConfig, project: "4.1", extraParams: "{\"threshold\": 0.4}");
        var text = (await backend.PredictAsync(Payloads.SentimentConfig, [Payloads.Task(1, "x")], project: "4.1"))[0]!["result"]![0]!["value"]!["text"]![0]!.GetValue<string>();
        JsonAssert.Equal(JsonNode.Parse("{\"threshold\": 0.4}"), JsonNode.Parse(text));

        using var response = await backend.PostJsonAsync("/setup", Payloads.Setup(Payloads.SentimentConfig, "5.1", new JsonObject { ["device"] = "cpu", ["k"] = 3 }));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("{\"device\":\"cpu\",\"k\":3}", backend.Store.Get("5", StateKeys.ExtraParams));
    }

    [Fact]
    public async Task Stored_extra_params_that_are_not_json_fail_with_a_readable_error()
    {
        await using var backend = await TestBackend.StartAsync<ExtraParamsModel>();
        backend.Store.Set("6", StateKeys.ExtraParams, "threshold=0.4");
        using var response = await backend.PostJsonAsync("/predict", Payloads.Predict(Payloads.SentimentConfig, "6.1", Payloads.Task(1, "x")));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var detail = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["detail"]!.GetValue<string>();
        Assert.StartsWith("The extra params of this backend in Label Studio are not JSON", detail, StringComparison.Ordinal);
        Assert.Contains("Settings → Model", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_fit_that_bumps_the_version_changes_setup_and_the_stamp_on_predictions()
    {
        await using var backend = await TestBackend.StartAsync<VersionBumpingModel>(Sync);
        Assert.Equal("0.0.1", await backend.SetupAsync(Payloads.SentimentConfig, project: "9.1"));
        Assert.Equal("0.0.1", (await backend.PredictAsync(Payloads.SentimentConfig, [Payloads.Task(1, "x")], project: "9.1"))[0]!["model_version"]!.GetValue<string>());

        using var webhook = await backend.PostJsonAsync("/webhook", Payloads.Webhook(TrainingEvent.StartTraining, 9, Payloads.SentimentConfig));
        Assert.Equal(HttpStatusCode.Created, webhook.StatusCode);
        JsonAssert.Equal(
            JsonNode.Parse("{\"result\": {\"new_version\": \"0.1.0\", \"event\": \"START_TRAINING\"}, \"status\": \"ok\"}"),
            JsonNode.Parse(await webhook.Content.ReadAsStringAsync()));

        Assert.Equal("0.1.0", await backend.SetupAsync(Payloads.SentimentConfig, project: "9.1"));
        Assert.Equal("0.1.0", (await backend.PredictAsync(Payloads.SentimentConfig, [Payloads.Task(1, "x")], project: "9.1"))[0]!["model_version"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_fit_result_that_cannot_be_written_is_reported_as_an_error_with_201()
    {
        await using var backend = await TestBackend.StartAsync<UnserializableFitModel>(Sync);
        using var response = await backend.PostJsonAsync("/webhook", Payloads.Webhook(TrainingEvent.AnnotationCreated, 1, Payloads.SentimentConfig));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("error", body["status"]!.GetValue<string>());
        Assert.Contains("cycle", body["error"]!.GetValue<string>(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Each_request_gets_its_own_model_built_with_injected_singletons_and_disposed()
    {
        var counter = new InstanceCounter();
        await using var backend = await TestBackend.StartAsync<CountingModel>(services: services => services.AddSingleton(counter));

        (await backend.Client.GetAsync("/health")).Dispose();
        Assert.Equal(0, counter.Created);

        for (var i = 0; i < 3; i++)
        {
            var results = await backend.PredictAsync(Payloads.SentimentConfig, [Payloads.Task(1, "x")]);
            Assert.Equal(counter.Id, results[0]!["counter"]!.GetValue<string>());
        }

        await backend.SetupAsync(Payloads.SentimentConfig);
        Assert.Equal(4, counter.Created);
        Assert.Equal(4, counter.Disposed);
    }

    [Fact]
    public async Task Unknown_webhook_events_build_no_model()
    {
        var counter = new InstanceCounter();
        await using var backend = await TestBackend.StartAsync<CountingModel>(services: services => services.AddSingleton(counter));
        using var response = await backend.PostJsonAsync("/webhook", new JsonObject { ["action"] = "TASKS_CREATED", ["project"] = new JsonObject { ["id"] = 1 } });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(0, counter.Created);
    }

    [Fact]
    public void A_model_made_with_new_says_it_is_not_bound()
    {
        var model = new KeywordSentimentModel();
        var error = Assert.Throws<InvalidOperationException>(() => model.ProjectId);
        Assert.Contains("not bound to a project", error.Message, StringComparison.Ordinal);
    }
}
