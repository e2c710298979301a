using LabelStudio.ML.Cli.Tests.Support;
using Xunit;

namespace LabelStudio.ML.Cli.Tests;

/// <summary><c>deploy gcp</c>: one <c>gcloud run deploy --source</c>, printed with secrets masked, or a clear error.</summary>
public sealed class DeployGcpTests
{
    private static async Task<string> BackendAsync(TempFolder temp, string name = "my_ml_backend")
    {
        Assert.Equal(0, (await Tool.RunAsync("create", name, "--root-dir", temp.Path)).ExitCode);
        return temp.Combine(name);
    }

    [Fact]
    public async Task Dry_run_prints_the_command_with_the_key_masked_and_runs_nothing()
    {
        using var temp = new TempFolder();
        var backend = await BackendAsync(temp);

        var (code, output, error) = await Tool.RunAsync(
            "deploy", "gcp", backend, "--gcp-project-id", "acme-ml", "--gcp-region", "europe-west1",
            "--label-studio-host", "https://ls.example.com", "--label-studio-api-key", "sk-1234567890", "--dry-run");

        Assert.True(code == 0, error);
        Assert.Equal(
            $"$ gcloud run deploy my-ml-backend --source {backend} --project acme-ml --region europe-west1 --port 9090 --allow-unauthenticated "
            + "--set-env-vars 'LABEL_STUDIO_URL=https://ls.example.com,LABEL_STUDIO_API_KEY=***,MODEL_DIR=/data/models' --quiet",
            output.Trim());
        Assert.DoesNotContain("sk-1234567890", output + error);
    }

    [Fact]
    public async Task Passes_basic_auth_masked_and_switches_the_delimiter_for_values_with_commas()
    {
        using var temp = new TempFolder();
        var backend = await BackendAsync(temp);

        var (code, output, _) = await Tool.RunAsync(
            "deploy", "gcp", backend, "--gcp-project-id", "p", "--label-studio-host", "https://ls.example.com/a,b",
            "--label-studio-api-key", "key", "--basic-auth-user", "ls", "--basic-auth-pass", "pw", "--service-name", "sentiment", "--dry-run");

        Assert.Equal(0, code);
        Assert.Contains("gcloud run deploy sentiment ", output);
        Assert.Contains("--region us-central1", output);
        Assert.Contains("'^@^LABEL_STUDIO_URL=https://ls.example.com/a,b@LABEL_STUDIO_API_KEY=***@MODEL_DIR=/data/models@BASIC_AUTH_USER=ls@BASIC_AUTH_PASS=***'", output);
    }

    [Fact]
    public async Task Runs_gcloud_from_PATH_with_the_real_values_and_returns_its_failure()
    {
        using var temp = new TempFolder();
        var backend = await BackendAsync(temp);
        var bin = Directory.CreateDirectory(temp.Combine("bin")).FullName;
        var log = temp.Combine("gcloud.log");
        var gcloud = Path.Combine(bin, "gcloud");
        await File.WriteAllTextAsync(gcloud, $"#!/bin/sh\nprintf '%s\\n' \"$@\" > '{log}'\nexit ${{GCLOUD_EXIT:-0}}\n");
        // A POSIX shell script stands in for gcloud (the tests run on Linux).
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(gcloud, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        string[] args = [Tool.Assembly, "deploy", "gcp", backend, "--gcp-project-id", "p", "--label-studio-host", "http://ls:8080", "--label-studio-api-key", "sk-real"];

        var success = await CommandRun.RunAsync(CommandRun.Dotnet, args, temp.Path, new Dictionary<string, string> { ["PATH"] = bin });
        var recorded = await File.ReadAllLinesAsync(log);
        var failure = await CommandRun.RunAsync(CommandRun.Dotnet, args, temp.Path, new Dictionary<string, string> { ["PATH"] = bin, ["GCLOUD_EXIT"] = "3" });

        Assert.True(success.ExitCode == 0, success.Output + success.Error);
        Assert.Equal(["run", "deploy", "my-ml-backend", "--source", backend], recorded[..5]);
        Assert.Contains("LABEL_STUDIO_URL=http://ls:8080,LABEL_STUDIO_API_KEY=sk-real,MODEL_DIR=/data/models", recorded);
        Assert.DoesNotContain("sk-real", success.Output);
        Assert.Equal(3, failure.ExitCode);
        Assert.Equal("error: gcloud run deploy failed with exit code 3; see its output above.", failure.Error.Trim());
    }

    [Fact]
    public async Task Without_gcloud_on_PATH_fails_with_a_clear_reason()
    {
        using var temp = new TempFolder();
        var backend = await BackendAsync(temp);
        var emptyBin = Directory.CreateDirectory(temp.Combine("empty-bin")).FullName;

        var (code, _, error) = await CommandRun.RunAsync(
            CommandRun.Dotnet,
            [Tool.Assembly, "deploy", "gcp", backend, "--gcp-project-id", "p", "--label-studio-host", "http://ls:8080", "--label-studio-api-key", "k"],
            temp.Path,
            new Dictionary<string, string> { ["PATH"] = emptyBin });

        Assert.Equal(127, code);
        Assert.Equal(
            "error: gcloud was not found on PATH: install the Google Cloud CLI (https://cloud.google.com/sdk/docs/install), run `gcloud auth login`, then try again.",
            error.Trim());
    }

    [Fact]
    public async Task Needs_a_Dockerfile_and_the_required_options()
    {
        using var temp = new TempFolder();

        var noDockerfile = await Tool.RunAsync("deploy", "gcp", temp.Path, "--gcp-project-id", "p", "--label-studio-host", "h", "--label-studio-api-key", "k", "--dry-run");
        var missingOptions = await Tool.RunAsync("deploy", "gcp", temp.Path);

        Assert.Equal(1, noDockerfile.ExitCode);
        Assert.Equal($"error: {temp.Path} has no Dockerfile: Cloud Run builds the image from it (`label-studio-ml create` makes one).", noDockerfile.Error.Trim());
        Assert.Equal(1, missingOptions.ExitCode);
        Assert.Contains("Option '--gcp-project-id' is required.", missingOptions.Error);
        Assert.DoesNotContain("Usage:", missingOptions.Output + missingOptions.Error);
    }
}
