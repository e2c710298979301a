using System.Net;
using System.Text.Json.Nodes;
using LabelStudio.ML.Testing.Tests.Support;
using Xunit;

namespace LabelStudio.ML.Testing.Tests;

/// <summary>A started test backend is a real server on a loopback port, reachable by any HTTP client.</summary>
public sealed class StartupTests
{
    [Fact]
    public async Task Listens_on_a_loopback_port_other_than_the_default()
    {
        await using var backend = await TestBackend.StartAsync<KeywordSentimentModel>();

        Assert.Equal("http", backend.Address.Scheme);
        Assert.True(IPAddress.IsLoopback(IPAddress.Parse(backend.Address.Host)), backend.Address.ToString());
        Assert.NotEqual(9090, backend.Address.Port);
        Assert.NotEqual(0, backend.Address.Port);
    }

    [Fact]
    public async Task Answers_health_to_a_separate_http_client()
    {
        await using var backend = await TestBackend.StartAsync<KeywordSentimentModel>();
        using var client = new HttpClient();

        using var response = await client.GetAsync(new Uri(backend.Address, "/health"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var expected = new JsonObject
        {
            ["model_class"] = "KeywordSentimentModel",
            ["status"] = "UP",
            ["training"] = new JsonObject { ["running"] = 0, ["queued"] = 0 },
        };
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(JsonNode.DeepEquals(expected, body), body?.ToJsonString());
    }

    [Fact]
    public async Task Two_backends_run_side_by_side_on_different_ports()
    {
        await using var first = await TestBackend.StartAsync<KeywordSentimentModel>();
        await using var second = await TestBackend.StartAsync<KeywordSentimentModel>();

        Assert.NotEqual(first.Address.Port, second.Address.Port);
        Assert.NotEqual(first.ModelDir, second.ModelDir);
        using var firstHealth = await first.Client.GetAsync(new Uri("/health", UriKind.Relative));
        using var secondHealth = await second.Client.GetAsync(new Uri("/health", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, firstHealth.StatusCode);
        Assert.Equal(HttpStatusCode.OK, secondHealth.StatusCode);
    }

    [Fact]
    public async Task Configure_sets_the_options_such_as_the_reported_model_class()
    {
        await using var backend = await TestBackend.StartAsync<KeywordSentimentModel>(configure: options => options.ModelClassName = "Sentiment");

        var body = JsonNode.Parse(await backend.Client.GetStringAsync(new Uri("/health", UriKind.Relative)));

        Assert.Equal("Sentiment", body!["model_class"]!.GetValue<string>());
    }
}
