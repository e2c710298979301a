using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using InteractiveSubstringMatching.Tests.Support;
using LabelStudio.ML;
using LabelStudio.ML.Testing;
using Xunit;

namespace InteractiveSubstringMatching.Tests;

/// <summary>
/// The built example run as a user runs it — its own process, its own <c>Program</c> — listens on the port given by
/// <c>--port</c> or <c>PORT</c>, keeps its state in <c>MODEL_DIR</c> and reports itself on <c>/health</c>.
/// </summary>
public sealed class ProcessLaunchTests
{
    private static readonly TimeSpan StartupLimit = TimeSpan.FromSeconds(30);

    private static string Example => BackendProcess.LocateApplication("InteractiveSubstringMatching.dll", "examples/interactive_substring_matching");

    private static void AssertHealthy(string body)
    {
        var expected = new JsonObject
        {
            ["model_class"] = "InteractiveSubstringMatching",
            ["status"] = "UP",
            ["training"] = new JsonObject { ["running"] = 0, ["queued"] = 0 },
        };
        Assert.True(JsonNode.DeepEquals(expected, JsonNode.Parse(body)), body);
    }

    [Fact]
    public async Task Listens_on_the_port_given_with_the_port_switch()
    {
        // PORT names another free port: the switch must win over it.
        var port = BackendProcess.FreeLoopbackPort();
        await using var server = BackendProcess.Start(Example, ["--port", port.ToString(CultureInfo.InvariantCulture)]);

        Assert.Equal(port, server.Port);
        AssertHealthy(await server.WaitForHealthAsync(StartupLimit));
    }

    [Fact]
    public async Task Listens_on_the_port_given_in_the_PORT_variable_and_keeps_state_in_MODEL_DIR()
    {
        var port = BackendProcess.FreeLoopbackPort();
        await using var server = BackendProcess.Start(Example, environment: new Dictionary<string, string> { ["PORT"] = port.ToString(CultureInfo.InvariantCulture) });

        Assert.Equal(port, server.Port);
        AssertHealthy(await server.WaitForHealthAsync(StartupLimit));

        using var client = new HttpClient();
        var setup = new JsonObject { ["project"] = "1.1712586036", ["schema"] = NerProject.LabelConfig };
        using var response = await client.PostAsync(
            new Uri($"http://127.0.0.1:{port}/setup"), new StringContent(setup.ToJsonString(), Encoding.UTF8, "application/json"));
        var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(JsonNode.DeepEquals(new JsonObject { ["model_version"] = "0.0.1" }, answer), answer?.ToJsonString());
        Assert.True(File.Exists(Path.Combine(server.ModelDir, "cache.db")), server.Output);
    }

    [Fact]
    public void Without_port_switch_or_PORT_the_default_port_is_9090()
    {
        // Binding 9090 here could collide with a real backend on this machine; the default itself is checked instead.
        Assert.Equal(9090, new LabelStudioMLOptions().Port);
    }
}
