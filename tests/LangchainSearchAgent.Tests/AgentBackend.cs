using System.Text.Json.Nodes;
using LabelStudio.ML.Examples.Llm;
using LabelStudio.ML.Testing;
using LlmExamples.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace LangchainSearchAgent.Tests;

/// <summary>The agent backend pointed at the fake providers, and the project the tests label.</summary>
internal static class AgentBackend
{
    public const string OpenAiKey = "sk-agent-test-key-0001";
    public const string GoogleKey = "AIzaSyTestGoogleKey0123456789";
    public const string EngineId = "017576662512468239146:omuauf_lfve";

    public const string Config = """
        <View>
          <Text name="input" value="$text"/>
          <TextArea name="prompt" toName="input" rows="3" editable="true"/>
          <TextArea name="response" toName="input" rows="5" editable="true"/>
          <TextArea name="snippets" toName="input" rows="5"/>
          <Choices name="verdict" toName="input" choice="single">
            <Choice value="Correct"/>
            <Choice value="Incorrect"/>
          </Choices>
        </View>
        """;

    public static Task<TestBackend> StartAsync(FakeProviders fake, Dictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["OPENAI_BASE_URL"] = new Uri(fake.Url, "v1").ToString(),
            ["OPENAI_API_KEY"] = OpenAiKey,
            ["GOOGLE_API_KEY"] = GoogleKey,
            ["GOOGLE_CSE_ID"] = EngineId,
            ["GOOGLE_SEARCH_URL"] = new Uri(fake.Url, "customsearch/v1").ToString(),
            ["LLM_MAX_RETRIES"] = "1",
            ["LLM_RETRY_DELAY_MS"] = "1",
            ["TRAINING_MODE"] = "sync",
            ["LOG_LEVEL"] = "DEBUG",
        };
        settings = settings.With(extra);

        return TestBackend.StartAsync<SearchAgentModel>(settings, services =>
        {
            services.AddLlmProviders();
            services.AddSingleton(provider => AgentSettings.FromConfiguration(provider.GetRequiredService<IConfiguration>()));
            services.AddSingleton<GoogleSearch>();
            services.AddSingleton<LocalIndexSearch>();
            services.AddSingleton<SearchTools>();
        });
    }

    public static JsonObject Task(long id, string text) => new() { ["id"] = id, ["data"] = new JsonObject { ["text"] = text } };

    public static JsonObject PromptResult(string prompt) => new()
    {
        ["from_name"] = "prompt",
        ["to_name"] = "input",
        ["type"] = "textarea",
        ["value"] = new JsonObject { ["text"] = new JsonArray(prompt) },
    };

    public static JsonObject Context(string prompt) => new() { ["result"] = new JsonArray(PromptResult(prompt)) };

    /// <summary>A Custom Search answer as Google documents it (<c>kind: customsearch#search</c>, <c>items</c>).</summary>
    public static ScriptedAnswer GoogleResults(params (string Title, string Link, string Snippet)[] items) => ScriptedAnswer.Json(new JsonObject
    {
        ["kind"] = "customsearch#search",
        ["searchInformation"] = new JsonObject { ["totalResults"] = items.Length.ToString(System.Globalization.CultureInfo.InvariantCulture) },
        ["items"] = new JsonArray([.. items.Select(item => (JsonNode)new JsonObject
        {
            ["kind"] = "customsearch#result",
            ["title"] = item.Title,
            ["link"] = item.Link,
            ["displayLink"] = new Uri(item.Link).Host,
            ["snippet"] = item.Snippet,
        })]),
    });
}
