using System.Text.Json.Nodes;
using LabelStudio.ML.Examples.Llm;
using LabelStudio.ML.Testing;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace HuggingFaceLlm.Tests;

/// <summary>The local path for real: a GGUF model written by the test, loaded and run by LLamaSharp's llama.cpp.</summary>
public sealed class LocalModelTests : IDisposable
{
    private const string Config = """
        <View>
          <Text name="input" value="$text"/>
          <TextArea name="generated" toName="input"/>
        </View>
        """;

    private readonly string _model = Path.Combine(Path.GetTempPath(), $"tiny-{Guid.NewGuid():N}.gguf");

    public LocalModelTests() => TinyGguf.Write(_model);

    public void Dispose() => File.Delete(_model);

    [Fact]
    public async Task A_local_gguf_model_continues_each_task_with_MAX_LENGTH_tokens()
    {
        await using var backend = await TestBackend.StartAsync<TextContinuationModel>(
            new Dictionary<string, string?> { ["GGUF_MODEL_PATH"] = _model, ["GGUF_CONTEXT_SIZE"] = "64", ["MAX_LENGTH"] = "3" },
            services =>
            {
                services.AddLlmProviders();
                services.AddSingleton<LocalGgufModel>();
                services.AddSingleton<TextGenerator>();
            });

        var results = await backend.PredictAsync(Config, [Task(1, "Hello there"), Task(2, "Is this fine?")]);

        // The model's only favourite token, three times (see TinyGguf), for both tasks.
        Assert.Equal(["okokok", "okokok"], results.Select(result => result!["result"]![0]!["value"]!["text"]![0]!.GetValue<string>()));
    }

    private static JsonObject Task(long id, string text) => new() { ["id"] = id, ["data"] = new JsonObject { ["text"] = text } };
}
