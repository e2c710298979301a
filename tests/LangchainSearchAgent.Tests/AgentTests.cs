using System.Text.Json.Nodes;
using LabelStudio.ML.Testing;
using LlmExamples.Testing;
using Xunit;
using static LangchainSearchAgent.Tests.AgentBackend;

namespace LangchainSearchAgent.Tests;

/// <summary>The agent loop over real HTTP: the model asks for a search, the tool calls Google, the model answers from it.</summary>
public sealed class AgentTests : ProviderBackedTests, IAsyncLifetime
{
    protected override async Task<TestBackend?> StartBackendAsync(FakeProviders fake) => await StartAsync(fake);

    [Fact]
    public async Task The_model_searches_Google_through_the_tool_and_answers_with_a_label_and_the_snippets()
    {
        Fake.Script(
            FakeProviders.Chat,
            ChatAnswers.ToolCall("call_abc123", "google_search_snippets", new JsonObject { ["query"] = "Eiffel Tower height" }),
            ChatAnswers.Text("The statement is Incorrect: the Eiffel Tower is 330 m tall."));
        Fake.Script(FakeProviders.Search, GoogleResults(
            ("Eiffel Tower - Wikipedia", "https://en.wikipedia.org/wiki/Eiffel_Tower", "The tower is 330 metres (1,083 ft) tall ..."),
            ("Eiffel Tower facts", "https://www.toureiffel.paris/en", "Height: 330 m including antennas.")));

        var results = await Backend.PredictAsync(Config, [Task(11, "The Eiffel Tower is 200 m tall.")], Context("Is this true? "));

        var search = Assert.Single(Fake.RequestsOf(FakeProviders.Search));
        Assert.Equal("/customsearch/v1", search.Path);
        Assert.Equal(GoogleKey, search.QueryValue("key"));
        Assert.Equal(EngineId, search.QueryValue("cx"));
        Assert.Equal("Eiffel Tower height", search.QueryValue("q"));
        Assert.Equal("5", search.QueryValue("num"));

        var chats = Fake.RequestsOf(FakeProviders.Chat);
        Assert.Equal(2, chats.Count);
        var first = chats[0].Json;
        Assert.Equal("gpt-3.5-turbo", first["model"]!.GetValue<string>());
        Assert.Equal(0.0, first["temperature"]!.GetValue<double>());
        var tool = first["tools"]!.AsArray().Single()!;
        Assert.Equal("function", tool["type"]!.GetValue<string>());
        Assert.Equal("google_search_snippets", tool["function"]!["name"]!.GetValue<string>());
        Assert.Equal("string", tool["function"]!["parameters"]!["properties"]!["query"]!["type"]!.GetValue<string>());
        Assert.Equal("Is this true? The Eiffel Tower is 200 m tall.", first["messages"]![1]!["content"]!.GetValue<string>());
        // The second call carries the assistant's tool call and the tool's answer.
        var messages = chats[1].Json["messages"]!.AsArray();
        var call = messages.Single(message => message!["role"]!.GetValue<string>() == "assistant")!;
        Assert.Equal("call_abc123", call["tool_calls"]![0]!["id"]!.GetValue<string>());
        var answer = messages.Single(message => message!["role"]!.GetValue<string>() == "tool")!;
        Assert.Equal("call_abc123", answer["tool_call_id"]!.GetValue<string>());
        Assert.Contains("[1] Eiffel Tower - Wikipedia (https://en.wikipedia.org/wiki/Eiffel_Tower)\nThe tower is 330 metres (1,083 ft) tall ...", JsonNode.Parse(answer["content"]!.GetValue<string>())!.GetValue<string>(), StringComparison.Ordinal);

        var regions = results.Single()!["result"]!.AsArray();
        Assert.Equal(["prompt", "verdict", "response", "snippets"], regions.Select(region => region!["from_name"]!.GetValue<string>()));
        Assert.Equal("[\"Is this true? \"]", regions[0]!["value"]!["text"]!.ToJsonString());
        Assert.Equal("[\"Incorrect\"]", regions[1]!["value"]!["choices"]!.ToJsonString());
        Assert.Equal("The statement is Incorrect: the Eiffel Tower is 330 m tall.", regions[2]!["value"]!["text"]![0]!.GetValue<string>());
        Assert.Equal("[\"The tower is 330 metres (1,083 ft) tall ...\",\"Height: 330 m including antennas.\"]", regions[3]!["value"]!["text"]!.ToJsonString());
    }

    [Fact]
    public async Task Fit_caches_the_prompt_for_pre_annotation_and_without_a_prompt_nothing_is_asked()
    {
        var none = await Backend.PredictAsync(Config, [Task(1, "Water boils at 100 °C at sea level.")]);
        await Backend.WebhookAsync("ANNOTATION_CREATED", Config, Task(1, "x"), [PromptResult("Check: ")]);
        Fake.Script(FakeProviders.Chat, ChatAnswers.Text("Correct."));

        var cached = await Backend.PredictAsync(Config, [Task(2, "Water boils at 100 °C at sea level.")]);

        Assert.Empty(none.Single()!["result"]!.AsArray());
        var sent = Assert.Single(Fake.RequestsOf(FakeProviders.Chat)).Json["messages"]![1]!["content"]!.GetValue<string>();
        Assert.Equal("Check: Water boils at 100 °C at sea level.", sent);
        Assert.Equal("Correct", cached.Single()!["result"]![1]!["value"]!["choices"]![0]!.GetValue<string>());
        Assert.Empty(Fake.RequestsOf(FakeProviders.Search));
    }

    [Fact]
    public async Task A_rejected_Google_key_fails_the_task_naming_Google_and_the_key_is_never_logged()
    {
        Fake.Script(FakeProviders.Chat, ChatAnswers.ToolCall("call_1", "google_search_snippets", new JsonObject { ["query"] = "x" }), ChatAnswers.Text("I could not search."));
        Fake.Script(FakeProviders.Search, ScriptedAnswer.Json(
            new JsonObject { ["error"] = new JsonObject { ["code"] = 400, ["message"] = "API key not valid. Please pass a valid API key.", ["status"] = "INVALID_ARGUMENT" } }, 400));

        var failure = await Assert.ThrowsAsync<HttpRequestException>(() => Backend.PredictAsync(Config, [Task(12, "Claim.")], Context("Verify: ")));

        Assert.Equal(502, (int?)failure.StatusCode);
        Assert.Contains("task 12: Google Custom Search refused the request (HTTP 400): API key not valid. Please pass a valid API key.", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Backend.Logs.Lines, line => line.Contains(GoogleKey, StringComparison.Ordinal) || line.Contains(OpenAiKey, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Without_Google_or_an_index_the_model_gets_no_tool()
    {
        await using var backend = await StartAsync(Fake, new() { ["GOOGLE_API_KEY"] = null });
        Fake.Script(FakeProviders.Chat, ChatAnswers.Text("Correct"));

        await backend.PredictAsync(Config, [Task(1, "Paris is in France.")], Context("Check: "));

        Assert.Null(Assert.Single(Fake.RequestsOf(FakeProviders.Chat)).Json["tools"]);
    }
}
