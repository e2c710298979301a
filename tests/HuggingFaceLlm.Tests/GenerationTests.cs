using System.Text.Json.Nodes;
using LabelStudio.ML.Examples.Llm;
using LabelStudio.ML.Testing;
using LlmExamples.Testing;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace HuggingFaceLlm.Tests;

/// <summary>Text continuation through an OpenAI-compatible server (streamed) and the local GGUF path's failures.</summary>
public sealed class GenerationTests : ProviderBackedTests, IAsyncLifetime
{
    private const string Key = "local-server-key-42";

    private const string Config = """
        <View>
          <Text name="input" value="$text"/>
          <TextArea name="generated" toName="input" rows="4" editable="true"/>
        </View>
        """;

    [Fact]
    public async Task The_text_is_streamed_to_the_server_and_the_continuation_fills_the_textarea()
    {
        await using var backend = await StartAsync(new() { ["MAX_LENGTH"] = "32" });
        Fake.Script(FakeProviders.Chat, ChatAnswers.Text(" a small village by the sea, there lived an old fisherman."));

        await backend.SetupAsync(Config);
        var results = await backend.PredictAsync(Config, [Task(1, "Once upon a time, in")]);

        var request = Assert.Single(Fake.RequestsOf(FakeProviders.Chat));
        Assert.Equal("/v1/chat/completions", request.Path);
        Assert.Equal($"Bearer {Key}", request.Header("Authorization"));
        var body = request.Json;
        Assert.True(body["stream"]!.GetValue<bool>());
        Assert.Equal("facebook/opt-125m", body["model"]!.GetValue<string>());
        Assert.Equal(32, body["max_completion_tokens"]!.GetValue<int>());
        var messages = body["messages"]!.AsArray();
        Assert.Equal(["system", "user"], messages.Select(message => message!["role"]!.GetValue<string>()));
        Assert.Equal("Once upon a time, in", messages[1]!["content"]!.GetValue<string>());

        var prediction = results.Single()!;
        Assert.Equal("HuggingFaceLLM-v0.0.1", prediction["model_version"]!.GetValue<string>());
        var region = prediction["result"]!.AsArray().Single()!;
        Assert.Equal(("generated", "input", "textarea"), (region["from_name"]!.GetValue<string>(), region["to_name"]!.GetValue<string>(), region["type"]!.GetValue<string>()));
        Assert.Equal("a small village by the sea, there lived an old fisherman.", region["value"]!["text"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task A_continuation_that_repeats_the_text_has_the_text_cut_off_as_the_original_does()
    {
        await using var backend = await StartAsync(new() { ["MODEL_NAME"] = "Qwen/Qwen2.5-0.5B" });
        Fake.Script(FakeProviders.Chat, ChatAnswers.Text("The sky is blue because of Rayleigh scattering."));

        var results = await backend.PredictAsync(Config, [Task(2, "The sky is blue because")]);

        Assert.Equal("Qwen/Qwen2.5-0.5B", Fake.RequestsOf(FakeProviders.Chat).Single().Json["model"]!.GetValue<string>());
        Assert.Equal("of Rayleigh scattering.", results.Single()!["result"]![0]!["value"]!["text"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task A_missing_gguf_file_is_a_500_naming_the_variable_and_the_server_keeps_serving()
    {
        await using var backend = await StartAsync(new() { ["GGUF_MODEL_PATH"] = "/nonexistent/tiny.gguf" });

        var failure = await Assert.ThrowsAsync<HttpRequestException>(() => backend.PredictAsync(Config, [Task(3, "Hello")]));

        Assert.Equal(500, (int?)failure.StatusCode);
        Assert.Contains("task 3: the backend is not configured: GGUF_MODEL_PATH is '/nonexistent/tiny.gguf', which does not exist", failure.Message, StringComparison.Ordinal);
        using var health = await backend.Client.GetAsync("/health");
        Assert.True(health.IsSuccessStatusCode);
        Assert.Empty(Fake.Requests);
    }

    [Fact]
    public async Task A_file_that_is_not_gguf_is_a_500_saying_it_could_not_be_loaded()
    {
        var path = Path.Combine(Path.GetTempPath(), $"not-a-model-{Guid.NewGuid():N}.gguf");
        await File.WriteAllTextAsync(path, "this is not a GGUF model, just text");
        try
        {
            await using var backend = await StartAsync(new() { ["GGUF_MODEL_PATH"] = path });

            var failure = await Assert.ThrowsAsync<HttpRequestException>(() => backend.PredictAsync(Config, [Task(4, "Hello")]));

            Assert.Equal(500, (int?)failure.StatusCode);
            Assert.Contains($"task 4: the backend is not configured: GGUF_MODEL_PATH '{path}' could not be loaded as a GGUF model", failure.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task A_failing_server_is_retried_then_a_502_and_a_task_without_text_is_a_422()
    {
        await using var backend = await StartAsync();
        Fake.Always(FakeProviders.Chat, ScriptedAnswer.Error(500, "CUDA out of memory"));

        var failure = await Assert.ThrowsAsync<HttpRequestException>(() => backend.PredictAsync(Config, [Task(5, "Hello")]));
        var missing = await Assert.ThrowsAsync<HttpRequestException>(() => backend.PredictAsync(
            Config, [new JsonObject { ["id"] = 6, ["data"] = new JsonObject { ["body"] = "x" } }]));

        Assert.Equal(502, (int?)failure.StatusCode);
        Assert.Contains("task 5: the text generator (OpenAI model 'facebook/opt-125m' at ", failure.Message, StringComparison.Ordinal);
        Assert.Contains("failed (HTTP 500, still after the retries): CUDA out of memory", failure.Message, StringComparison.Ordinal);
        Assert.Equal(3, Fake.RequestsOf(FakeProviders.Chat).Count);
        Assert.Equal(422, (int?)missing.StatusCode);
        Assert.Contains("Task 6 has no data key 'text'", missing.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(backend.Logs.Lines, line => line.Contains(Key, StringComparison.Ordinal));
    }

    private Task<TestBackend> StartAsync(Dictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["OPENAI_BASE_URL"] = new Uri(Fake.Url, "v1").ToString(),
            ["OPENAI_API_KEY"] = Key,
            ["LLM_MAX_RETRIES"] = "2",
            ["LLM_RETRY_DELAY_MS"] = "1",
            ["LOG_LEVEL"] = "DEBUG",
        };
        settings = settings.With(extra);

        return TestBackend.StartAsync<TextContinuationModel>(settings, services =>
        {
            services.AddLlmProviders();
            services.AddSingleton<LocalGgufModel>();
            services.AddSingleton<TextGenerator>();
        });
    }

    private static JsonObject Task(long id, string text) => new() { ["id"] = id, ["data"] = new JsonObject { ["text"] = text } };
}
