using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using LabelStudio.ML.Cli.Commands;
using LabelStudio.ML.Cli.Tests.Support;
using LabelStudio.ML.Testing;
using Xunit;

namespace LabelStudio.ML.Cli.Tests;

/// <summary><c>start DIR</c>: switches become the backend's environment; the backend runs as a child and stops with the tool.</summary>
public sealed class StartTests
{
    [Fact]
    public void Maps_every_switch_to_the_variable_the_backend_reads()
    {
        using var temp = new TempFolder();
        var modelDir = temp.Combine("models");

        var environment = StartCommand.Environment(new StartSettings("demo", 9091, "127.0.0.1", "ls", "secret", modelDir, "warning"));

        Assert.Equal(
            new Dictionary<string, string>
            {
                ["PORT"] = "9091", ["HOST"] = "127.0.0.1", ["BASIC_AUTH_USER"] = "ls", ["BASIC_AUTH_PASS"] = "secret",
                ["MODEL_DIR"] = modelDir, ["LOG_LEVEL"] = "WARNING",
            },
            environment);
        Assert.True(Directory.Exists(modelDir));
    }

    [Fact]
    public void Debug_wins_over_log_level_and_a_relative_model_dir_becomes_absolute()
    {
        var environment = StartCommand.Environment(new StartSettings("demo", ModelDir: Path.Combine("obj", "start-test-models"), LogLevel: "ERROR", Debug: true));

        Assert.Equal("DEBUG", environment["LOG_LEVEL"]);
        Assert.Equal(Path.GetFullPath(Path.Combine("obj", "start-test-models")), environment["MODEL_DIR"]);
        Assert.False(environment.ContainsKey("PORT"));
    }

    [Fact]
    public async Task Basic_auth_needs_both_user_and_password()
    {
        var (code, _, error) = await Tool.RunAsync("start", ".", "--basic-auth-user", "ls");

        Assert.Equal(1, code);
        Assert.Equal("error: --basic-auth-user and --basic-auth-pass go together: give both or neither.", error.Trim());
    }

    [Fact]
    public async Task Fails_with_one_line_for_a_missing_folder_or_one_without_a_project()
    {
        using var temp = new TempFolder();

        var missing = await Tool.RunAsync("start", temp.Combine("nope"));
        var empty = await Tool.RunAsync("start", temp.Path);

        Assert.Equal((1, $"error: {temp.Combine("nope")} was not found: give the folder of a backend (made by `label-studio-ml create`)."), (missing.ExitCode, missing.Error.Trim()));
        Assert.Equal((1, $"error: {temp.Path} has no .csproj: give the folder of a backend (made by `label-studio-ml create`)."), (empty.ExitCode, empty.Error.Trim()));
    }

    [Theory]
    [InlineData("--port", "70000", "--port must be from 0 to 65535, got 70000.")]
    [InlineData("--log-level", "LOUD", "Argument 'LOUD' not recognized. Must be one of:")]
    public async Task Rejects_bad_switch_values(string option, string value, string message)
    {
        var (code, _, error) = await Tool.RunAsync("start", ".", option, value);

        Assert.NotEqual(0, code);
        Assert.Contains(message, error);
    }

    [Fact]
    public async Task Runs_a_built_backend_with_the_switches_and_stops_it_on_SIGTERM()
    {
        // The example is built with the solution, so start runs it without building.
        var example = Path.Combine(LocalFeed.RepositoryRoot(), "examples", "interactive_substring_matching");
        using var temp = new TempFolder();
        var port = BackendProcess.FreeLoopbackPort();
        await using var cli = BackendProcess.Start(
            Tool.Assembly,
            ["start", example, "--port", port.ToString(CultureInfo.InvariantCulture), "--host", "127.0.0.1", "--model-dir", temp.Path]);

        var health = JsonNode.Parse(await cli.WaitForHealthAsync(TimeSpan.FromSeconds(90)));
        Assert.Equal("InteractiveSubstringMatching", (string?)health?["model_class"]);

        using var client = new HttpClient();
        var setup = new JsonObject { ["project"] = "1.1712586036", ["schema"] = "<View><Text name=\"text\" value=\"$text\"/><Labels name=\"label\" toName=\"text\"><Label value=\"ORG\"/></Labels></View>" };
        using var answer = await client.PostAsync(new Uri(cli.Address, "/setup"), new StringContent(setup.ToJsonString(), Encoding.UTF8, "application/json"));
        Assert.Equal(System.Net.HttpStatusCode.OK, answer.StatusCode);
        Assert.True(File.Exists(Path.Combine(temp.Path, "cache.db")), cli.Output);

        Assert.True(await cli.StopAsync(TimeSpan.FromSeconds(30)), cli.Output);
        Assert.Equal(0, cli.ExitCode);
        await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync(new Uri(cli.Address, "/health")));
    }
}
