using System.Text.Json.Nodes;
using LlmExamples.Testing;
using Xunit;
using static LangchainSearchAgent.Tests.AgentBackend;

namespace LangchainSearchAgent.Tests;

/// <summary>The offline search: BM25 over a folder of text files, as the agent's tool.</summary>
public sealed class LocalIndexTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("agent-index-").FullName;

    public LocalIndexTests()
    {
        File.WriteAllText(Path.Combine(_folder, "landmarks.txt"), "The Eiffel Tower in Paris is 330 metres tall.\n\nThe Colosseum in Rome held 50,000 spectators.");
        File.WriteAllText(Path.Combine(_folder, "rivers.md"), "The Seine flows through Paris.\n\nThe Tiber flows through Rome.");
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Paragraphs_are_ranked_by_BM25()
    {
        var search = new LocalIndexSearch(new AgentSettings("prompt", "response", "snippets", "{prompt}{text}", null, null, AgentSettings.DefaultGoogleSearchUrl, _folder, 5));

        var results = search.Search("How tall is the Eiffel Tower?", 5);

        Assert.Equal(4, search.Count);
        var best = results[0];
        Assert.Equal("The Eiffel Tower in Paris is 330 metres tall.", best.Hit.Snippet);
        Assert.Equal("landmarks.txt", best.Hit.Source);
        // By hand: N = 4 paragraphs of 9, 8 ("50,000" is two words), 5 and 5 words (average 6.75); the best paragraph
        // has 9 words and holds "tall", "is", "eiffel", "tower" (in 1 paragraph each) and "the" (in all 4), once each.
        var rare = Math.Log(1 + (4 - 1 + 0.5) / (1 + 0.5));
        var common = Math.Log(1 + (4 - 4 + 0.5) / (4 + 0.5));
        var weight = 1 * 2.2 / (1 + 1.2 * (1 - 0.75 + 0.75 * 9 / 6.75));
        Assert.Equal((4 * rare + common) * weight, best.Score, 10);
        // Only "the" is shared with the other paragraphs, so they rank below.
        Assert.All(results.Skip(1), result => Assert.True(result.Score < best.Score));
    }

    [Fact]
    public async Task The_agent_uses_the_local_index_when_Google_is_not_configured()
    {
        await using var fake = await FakeProviders.StartAsync();
        await using var backend = await StartAsync(fake, new() { ["GOOGLE_API_KEY"] = null, ["GOOGLE_CSE_ID"] = null, ["SEARCH_INDEX_DIR"] = _folder });
        fake.Script(
            FakeProviders.Chat,
            ChatAnswers.ToolCall("call_9", "local_search", new JsonObject { ["query"] = "Seine river city" }),
            ChatAnswers.Text("Correct: the Seine flows through Paris."));

        var results = await backend.PredictAsync(Config, [Task(3, "The Seine flows through Paris.")], Context("Verify: "));

        var chats = fake.RequestsOf(FakeProviders.Chat);
        Assert.Equal("local_search", chats[0].Json["tools"]![0]!["function"]!["name"]!.GetValue<string>());
        var toolAnswer = chats[1].Json["messages"]!.AsArray().Single(message => message!["role"]!.GetValue<string>() == "tool")!["content"]!.GetValue<string>();
        // Microsoft.Extensions.AI hands a function's result to the model as JSON: here a JSON string.
        toolAnswer = JsonNode.Parse(toolAnswer)!.GetValue<string>();
        Assert.StartsWith("[1] rivers (rivers.md)\nThe Seine flows through Paris.", toolAnswer, StringComparison.Ordinal);
        var regions = results.Single()!["result"]!.AsArray();
        Assert.Equal("Correct", regions[1]!["value"]!["choices"]![0]!.GetValue<string>());
        Assert.Equal("The Seine flows through Paris.", regions[3]!["value"]!["text"]![0]!.GetValue<string>());
        Assert.Empty(fake.RequestsOf(FakeProviders.Search));
    }
}
