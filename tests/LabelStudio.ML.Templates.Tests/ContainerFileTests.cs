using System.ComponentModel;
using LabelStudio.ML.Cli.Tests.Support;
using Xunit;
using YamlDotNet.RepresentationModel;

namespace LabelStudio.ML.Templates.Tests;

/// <summary>
/// The Dockerfile and docker-compose.yml of the template and of every example: multi-stage, non-root, exec-form
/// entrypoint, port 9090, a health check on /ready; compose maps MODEL_DIR to a volume and passes the Label Studio
/// and basic auth settings. The compose files are also checked by <c>docker compose config</c> where it is installed.
/// </summary>
public sealed class ContainerFileTests
{
    private static readonly string Repository = LocalFeed.RepositoryRoot();

    public static TheoryData<string> Folders()
    {
        var folders = new TheoryData<string> { "src/LabelStudio.ML.Templates/content/labelstudio-ml" };
        // Every backend (a folder with a Program.cs); examples/Shared holds libraries the examples share.
        foreach (var example in Directory.GetDirectories(Path.Combine(Repository, "examples")).Where(d => File.Exists(Path.Combine(d, "Program.cs"))).Order(StringComparer.Ordinal))
        {
            folders.Add(Path.GetRelativePath(Repository, example).Replace('\\', '/'));
        }

        return folders;
    }

    [Theory]
    [MemberData(nameof(Folders))]
    public void Dockerfile_builds_with_the_sdk_and_runs_non_root_on_the_aspnet_runtime(string folder)
    {
        var lines = File.ReadAllLines(Path.Combine(Repository, folder, "Dockerfile")).Select(line => line.Trim()).ToList();
        var from = lines.Where(line => line.StartsWith("FROM ", StringComparison.Ordinal)).ToList();

        Assert.Equal(2, from.Count);
        Assert.StartsWith("FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build", from[0]);
        Assert.StartsWith("FROM mcr.microsoft.com/dotnet/aspnet:10.0", from[1]);
        var runtime = lines.SkipWhile(line => line != from[1]).ToList();
        Assert.Contains("USER $APP_UID", runtime);
        Assert.Contains("EXPOSE 9090", runtime);
        Assert.Contains(runtime, line => line.StartsWith("HEALTHCHECK", StringComparison.Ordinal));
        Assert.Contains(runtime, line => line.StartsWith("CMD [", StringComparison.Ordinal) && line.Contains("GET /ready ", StringComparison.Ordinal));
        var entrypoint = Assert.Single(runtime, line => line.StartsWith("ENTRYPOINT", StringComparison.Ordinal));
        Assert.Matches(@"^ENTRYPOINT \[""dotnet"", ""[\w.]+\.dll""\]$", entrypoint);
        Assert.DoesNotContain(lines, line => line.Contains(".sh", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Folders))]
    public async Task Compose_file_maps_MODEL_DIR_to_a_volume_and_passes_the_settings(string folder)
    {
        var file = Path.Combine(Repository, folder, "docker-compose.yml");
        var stream = new YamlStream();
        using (var reader = new StreamReader(file))
        {
            stream.Load(reader);
        }

        var services = (YamlMappingNode)((YamlMappingNode)stream.Documents.Single().RootNode).Children[new YamlScalarNode("services")];
        var service = (YamlMappingNode)Assert.Single(services.Children).Value;
        Assert.True(service.Children.ContainsKey(new YamlScalarNode("build")));
        var environment = ((YamlSequenceNode)service.Children[new YamlScalarNode("environment")]).Children
            .Select(entry => ((YamlScalarNode)entry).Value!.Split('=')[0])
            .ToList();
        Assert.Superset(new HashSet<string> { "MODEL_DIR", "LABEL_STUDIO_URL", "LABEL_STUDIO_API_KEY", "BASIC_AUTH_USER", "BASIC_AUTH_PASS" }, environment.ToHashSet());
        var modelDir = ((YamlSequenceNode)service.Children[new YamlScalarNode("environment")]).Children
            .Select(entry => ((YamlScalarNode)entry).Value!)
            .Single(entry => entry.StartsWith("MODEL_DIR=", StringComparison.Ordinal))["MODEL_DIR=".Length..];
        var volumes = ((YamlSequenceNode)service.Children[new YamlScalarNode("volumes")]).Children.Select(entry => ((YamlScalarNode)entry).Value!.Split(':')[1]);
        Assert.Contains(volumes, target => modelDir.StartsWith(target, StringComparison.Ordinal));
        Assert.Contains(((YamlSequenceNode)service.Children[new YamlScalarNode("ports")]).Children, port => ((YamlScalarNode)port).Value!.EndsWith(":9090", StringComparison.Ordinal));

        // docker compose validates the file itself where its plugin is installed; where it is not, say so and make
        // sure that is really the case, so that a broken docker setup cannot pass as a missing one.
        var compose = await DockerComposeAsync(["-f", file, "config", "--quiet"], Path.GetDirectoryName(file)!);
        if (compose.Available)
        {
            Assert.True(compose.ExitCode == 0, $"docker compose config failed for {folder}:\n{compose.Output}");
        }
        else
        {
            Assert.NotEqual(0, compose.ExitCode);
        }
    }

    private static async Task<(bool Available, int ExitCode, string Output)> DockerComposeAsync(string[] arguments, string directory)
    {
        try
        {
            var version = await CommandRun.RunAsync("docker", ["compose", "version"], directory, timeout: TimeSpan.FromSeconds(30));
            if (version.ExitCode != 0)
            {
                return (false, version.ExitCode, version.Output + version.Error);
            }

            var run = await CommandRun.RunAsync("docker", ["compose", .. arguments], directory, timeout: TimeSpan.FromSeconds(60));
            return (true, run.ExitCode, run.Output + run.Error);
        }
        catch (Win32Exception ex)
        {
            // No docker client on PATH at all.
            return (false, -1, ex.Message);
        }
    }
}
