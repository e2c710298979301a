using System.Text.Json.Nodes;
using LlmExamples.Testing;
using Xunit;
using static LlmInteractive.Tests.InteractiveBackend;

namespace LlmInteractive.Tests;

/// <summary>Azure OpenAI and Ollama addressing, structured output, and the default prompt without the internal template.</summary>
public sealed class ProviderTests : ProviderBackedTests, IAsyncLifetime
{
    [Fact]
    public async Task Azure_gets_the_deployment_path_the_api_version_and_the_api_key_header()
    {
        await using var backend = await StartAsync(Fake, new()
        {
            ["OPENAI_PROVIDER"] = "azure",
            ["AZURE_RESOURCE_ENDPOINT"] = Fake.Url.ToString(),
            ["AZURE_DEPLOYMENT_NAME"] = "gpt4o-labeling",
            ["AZURE_API_VERSION"] = "2024-10-21",
        });
        Fake.Script(FakeProviders.Chat, ChatAnswers.Text("Positive"));

        await backend.PredictAsync(Config, [Task(1, "Lovely.")], Context("Sentiment?"));

        var request = Assert.Single(Fake.RequestsOf(FakeProviders.Chat));
        Assert.Equal("/openai/deployments/gpt4o-labeling/chat/completions", request.Path);
        Assert.Equal("2024-10-21", request.QueryValue("api-version"));
        Assert.Equal(Key, request.Header("api-key"));
        Assert.Null(request.Header("Authorization"));
    }

    [Fact]
    public async Task Ollama_gets_its_OpenAI_compatible_endpoint_with_the_placeholder_key()
    {
        await using var backend = await StartAsync(Fake, new()
        {
            ["OPENAI_PROVIDER"] = "ollama",
            ["OLLAMA_ENDPOINT"] = new Uri(Fake.Url, "v1").ToString(),
            ["OPENAI_API_KEY"] = null,
            ["OPENAI_MODEL"] = "llama3.2",
        });
        Fake.Script(FakeProviders.Chat, ChatAnswers.Text("Neutral"));

        var results = await backend.PredictAsync(Config, [Task(1, "A phone.")], Context("Sentiment?"));

        var request = Assert.Single(Fake.RequestsOf(FakeProviders.Chat));
        Assert.Equal("/v1/chat/completions", request.Path);
        Assert.Equal("Bearer ollama", request.Header("Authorization"));
        Assert.Equal("llama3.2", request.Json["model"]!.GetValue<string>());
        Assert.Equal("Neutral", results.Single()!["result"]![0]!["value"]!["choices"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task Structured_output_sends_the_labels_as_a_json_schema_enum_and_reads_the_json_reply()
    {
        await using var backend = await StartAsync(Fake, new() { ["STRUCTURED_OUTPUT"] = "true" });
        Fake.Script(FakeProviders.Chat, ChatAnswers.Text("{\"choices\": [\"Negative\"], \"answer\": \"The box arrived crushed.\"}"));

        var results = await backend.PredictAsync(Config, [Task(1, "The box arrived crushed.")], Context("Sentiment?"));

        var format = Assert.Single(Fake.RequestsOf(FakeProviders.Chat)).Json["response_format"]!;
        Assert.Equal("json_schema", format["type"]!.GetValue<string>());
        Assert.Equal("labeling_answer", format["json_schema"]!["name"]!.GetValue<string>());
        Assert.Equal(
            "[\"Positive\",\"Negative\",\"Neutral\"]",
            format["json_schema"]!["schema"]!["properties"]!["choices"]!["items"]!["enum"]!.ToJsonString());
        var regions = results.Single()!["result"]!.AsArray();
        Assert.Equal("[\"Negative\"]", regions[0]!["value"]!["choices"]!.ToJsonString());
        Assert.Equal("[\"The box arrived crushed.\"]", regions[1]!["value"]!["text"]!.ToJsonString());
    }

    [Fact]
    public async Task A_default_prompt_without_the_internal_template_gets_labels_and_task_fields()
    {
        await using var backend = await StartAsync(Fake, new()
        {
            ["USE_INTERNAL_PROMPT_TEMPLATE"] = "0",
            ["DEFAULT_PROMPT"] = "Review by {author}: {text}\nAnswer with one of {labels}.",
        });
        Fake.Script(FakeProviders.Chat, ChatAnswers.Text("Positive"));

        var results = await backend.PredictAsync(Config, [new JsonObject { ["id"] = 2, ["data"] = new JsonObject { ["text"] = "Works well.", ["author"] = "Ann" } }]);

        var sent = Assert.Single(Fake.RequestsOf(FakeProviders.Chat)).Json["messages"]![0]!["content"]!.GetValue<string>();
        Assert.Equal("Review by Ann: Works well.\nAnswer with one of Positive, Negative, Neutral.", sent);
        Assert.Equal("Positive", results.Single()!["result"]![0]!["value"]!["choices"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task A_default_prompt_with_the_internal_template_stops_the_start_naming_both_settings()
    {
        var failure = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await using var backend = await StartAsync(Fake, new() { ["DEFAULT_PROMPT"] = "Classify." });
            await backend.PredictAsync(Config, [Task(1, "x")]);
        });

        Assert.Contains("DEFAULT_PROMPT cannot be combined with the internal prompt template: set USE_INTERNAL_PROMPT_TEMPLATE=0", failure.ToString(), StringComparison.Ordinal);
    }
}
