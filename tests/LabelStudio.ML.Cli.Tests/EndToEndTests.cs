using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using LabelStudio.ML.Cli.Tests.Support;
using LabelStudio.ML.Testing;
using Xunit;
using Xunit.Abstractions;

namespace LabelStudio.ML.Cli.Tests;

/// <summary>
/// What a user does, from packages: pack the repository into a local feed, install the tool and the template from
/// it into temporary places, <c>label-studio-ml create demo</c>, <c>label-studio-ml start demo -p PORT</c>, then
/// <c>/health</c> and <c>/predict</c> over HTTP, and a graceful stop.
/// </summary>
public sealed class EndToEndTests(ITestOutputHelper log)
{
    private const string LabelConfig =
        "<View><Text name=\"text\" value=\"$text\"/><Choices name=\"sentiment\" toName=\"text\"><Choice value=\"Positive\"/><Choice value=\"Negative\"/></Choices></View>";

    [Fact]
    public async Task Packed_tool_and_template_create_start_and_serve_a_backend()
    {
        var clock = Stopwatch.StartNew();
        using var feed = await LocalFeed.PackAsync("LabelStudio.ML", "LabelStudio.ML.Testing", "LabelStudio.ML.Templates", "LabelStudio.ML.Cli");
        Assert.Equal(
            [$"LabelStudio.ML.{feed.Version}.nupkg", $"LabelStudio.ML.Cli.{feed.Version}.nupkg", $"LabelStudio.ML.Templates.{feed.Version}.nupkg", $"LabelStudio.ML.Testing.{feed.Version}.nupkg"],
            Directory.GetFiles(feed.Feed).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        log.WriteLine($"packed in {clock.Elapsed}");

        var tools = Path.Combine(feed.Root, "tools");
        await RunAsync(feed, CommandRun.Dotnet, ["tool", "install", "LabelStudio.ML.Cli", "--tool-path", tools, "--add-source", feed.Feed, "--version", feed.Version]);
        var hive = Path.Combine(feed.Root, "hive");
        await RunAsync(feed, CommandRun.Dotnet, ["new", "install", Path.Combine(feed.Feed, $"LabelStudio.ML.Templates.{feed.Version}.nupkg"), "--debug:custom-hive", hive]);
        var templates = await RunAsync(feed, CommandRun.Dotnet, ["new", "list", "labelstudio-ml", "--debug:custom-hive", hive]);
        Assert.Contains("labelstudio-ml", templates);
        log.WriteLine($"installed in {clock.Elapsed}");

        var tool = Path.Combine(tools, OperatingSystem.IsWindows() ? "label-studio-ml.exe" : "label-studio-ml");
        var created = await RunAsync(feed, tool, ["create", "demo"]);
        Assert.Contains("Created demo", created);
        Assert.Contains($"<LabelStudioMLVersion>{feed.Version}</LabelStudioMLVersion>", await File.ReadAllTextAsync(Path.Combine(feed.Root, "demo", "Directory.Build.props")));

        var port = BackendProcess.FreeLoopbackPort();
        var environment = new Dictionary<string, string>(feed.Environment);
        await using var backend = BackendProcess.StartProgram(tool, ["start", Path.Combine(feed.Root, "demo"), "--port", port.ToString(CultureInfo.InvariantCulture)], environment);
        var health = JsonNode.Parse(await backend.WaitForHealthAsync(TimeSpan.FromSeconds(150)));
        Assert.Equal(("NewModel", "UP"), ((string?)health?["model_class"], (string?)health?["status"]));
        log.WriteLine($"started in {clock.Elapsed}");

        using var client = new HttpClient { BaseAddress = backend.Address };
        var predict = new JsonObject
        {
            ["tasks"] = new JsonArray(TestTasks.Create(1, new JsonObject { ["text"] = "A fine day" })),
            ["project"] = "1.1700000000",
            ["label_config"] = LabelConfig,
        };
        using var answer = await client.PostAsync(new Uri("/predict", UriKind.Relative), new StringContent(predict.ToJsonString(), Encoding.UTF8, "application/json"));
        var body = await answer.Content.ReadAsStringAsync();
        Assert.True(answer.IsSuccessStatusCode, body);
        var prediction = Assert.Single(TaskPrediction.Read(JsonNode.Parse(body)!["results"]!.AsArray()));
        Assert.Equal("0.0.1", prediction.ModelVersion);

        Assert.True(await backend.StopAsync(TimeSpan.FromSeconds(30)), backend.Output);
        Assert.Equal(0, backend.ExitCode);
        log.WriteLine($"stopped in {clock.Elapsed}");
        Assert.True(clock.Elapsed < TimeSpan.FromMinutes(3), $"The end-to-end run took {clock.Elapsed}.");
    }

    private static async Task<string> RunAsync(LocalFeed feed, string program, string[] arguments)
    {
        var (code, output, error) = await CommandRun.RunAsync(program, arguments, feed.Root, feed.Environment, TimeSpan.FromMinutes(2));
        Assert.True(code == 0, $"{Path.GetFileName(program)} {string.Join(' ', arguments)} exited {code}:\n{output}\n{error}");
        return output;
    }
}
