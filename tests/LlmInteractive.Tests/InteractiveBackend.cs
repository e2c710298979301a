using System.Text.Json.Nodes;
using LabelStudio.ML.Examples.Llm;
using LabelStudio.ML.Testing;
using LlmExamples.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace LlmInteractive.Tests;

/// <summary>The llm_interactive backend pointed at a fake provider, and the project the tests label.</summary>
internal static class InteractiveBackend
{
    public const string Key = "sk-test-0123456789abcdef";

    public const string Config = """
        <View>
          <Text name="text" value="$text"/>
          <TextArea name="prompt" toName="text" editable="true" rows="2" showSubmitButton="true"/>
          <Choices name="sentiment" toName="text" choice="single">
            <Choice value="Positive"/>
            <Choice value="Negative"/>
            <Choice value="Neutral"/>
          </Choices>
          <TextArea name="response" toName="text" editable="true"/>
        </View>
        """;

    /// <summary>Fast retries and timeouts so failure tests stay short.</summary>
    public static Dictionary<string, string?> Settings(FakeProviders fake, Dictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["OPENAI_BASE_URL"] = new Uri(fake.Url, "v1").ToString(),
            ["OPENAI_API_KEY"] = Key,
            ["OPENAI_MODEL"] = "gpt-4o-mini",
            ["LLM_MAX_RETRIES"] = "2",
            ["LLM_RETRY_DELAY_MS"] = "1",
            ["LLM_TIMEOUT_SECONDS"] = "0.5",
            ["TRAINING_MODE"] = "sync",
            ["LOG_LEVEL"] = "DEBUG",
        };
        settings = settings.With(extra);

        return settings;
    }

    public static Task<TestBackend> StartAsync(FakeProviders fake, Dictionary<string, string?>? extra = null) =>
        TestBackend.StartAsync<LlmInteractiveModel>(Settings(fake, extra), services =>
        {
            services.AddLlmProviders();
            services.AddImageOcr();
            services.AddSingleton(provider => InteractiveSettings.FromConfiguration(provider.GetRequiredService<IConfiguration>()));
        });

    public static JsonObject Task(long id, string text) => new() { ["id"] = id, ["data"] = new JsonObject { ["text"] = text } };

    public static JsonObject PromptResult(params string[] lines) => new()
    {
        ["from_name"] = "prompt",
        ["to_name"] = "text",
        ["type"] = "textarea",
        ["value"] = new JsonObject { ["text"] = new JsonArray([.. lines.Select(line => (JsonNode)line)]) },
    };

    public static JsonObject Context(params string[] lines) => new() { ["result"] = new JsonArray(PromptResult(lines)) };
}
