using System.Text.RegularExpressions;

namespace LabelStudio.ML.Cli.Tests.Support;

/// <summary>
/// The repository's packages packed into a temporary folder from the solution's build (no rebuild), with a
/// nuget.config that reads that folder and nuget.org, and a NuGet package cache of their own so that packages of
/// an earlier run with the same version are never used.
/// </summary>
public sealed partial class LocalFeed : IDisposable
{
    private LocalFeed(string root, string version)
    {
        Root = root;
        Version = version;
    }

    /// <summary>The temporary folder: holds <c>feed/</c>, <c>packages/</c>, <c>home/</c> and the nuget.config.</summary>
    public string Root { get; }

    public string Feed => Path.Combine(Root, "feed");

    /// <summary>The version the packages were packed with (the one in Directory.Build.props).</summary>
    public string Version { get; }

    /// <summary>What a dotnet command in <see cref="Root"/> needs: its own package cache, CLI home and no telemetry.</summary>
    public IReadOnlyDictionary<string, string> Environment => new Dictionary<string, string>
    {
        ["NUGET_PACKAGES"] = Path.Combine(Root, "packages"),
        ["DOTNET_CLI_HOME"] = Path.Combine(Root, "home"),
        ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
        ["DOTNET_NOLOGO"] = "1",
        ["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1",
        // The tool's native launcher finds the runtime here.
        ["DOTNET_ROOT"] = Path.GetDirectoryName(Path.GetFullPath(CommandRun.Dotnet)) is { } root && File.Exists(Path.Combine(root, "dotnet")) ? root : "/usr/share/dotnet",
    };

    /// <summary>Packs <paramref name="projects"/> (folders under <c>src/</c>) into a new temporary feed.</summary>
    public static async Task<LocalFeed> PackAsync(params string[] projects)
    {
        var root = Directory.CreateTempSubdirectory("lsml-feed-").FullName;
        var repository = RepositoryRoot();
        foreach (var project in projects)
        {
            var (code, output, error) = await CommandRun.RunAsync(
                CommandRun.Dotnet,
                [
                    "pack", Path.Combine(repository, "src", project, project + ".csproj"),
                    "--no-build", "--no-restore", "-c", "Debug", "-o", Path.Combine(root, "feed"),
                    // Each run writes its nuspec files apart, so that test projects packing at once do not collide.
                    $"-p:NuspecOutputPath={Path.Combine(root, "nuspec", project)}/",
                ],
                repository,
                timeout: TimeSpan.FromMinutes(2));
            if (code != 0)
            {
                throw new InvalidOperationException($"dotnet pack {project} failed ({code}):\n{output}\n{error}");
            }
        }

        var package = Directory.GetFiles(Path.Combine(root, "feed"), "*.nupkg")
            .Select(Path.GetFileName)
            .Select(name => PackageVersion().Match(name!))
            .First(match => match.Success);
        await File.WriteAllTextAsync(Path.Combine(root, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{Path.Combine(root, "feed")}" />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
              </packageSources>
            </configuration>
            """);
        return new LocalFeed(root, package.Groups["version"].Value);
    }

    /// <summary>The folder holding LabelStudio.ML.slnx.</summary>
    public static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "LabelStudio.ML.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException($"No LabelStudio.ML.slnx above {AppContext.BaseDirectory}.");
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open stays in the temp folder; the outcome does not depend on it.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    [GeneratedRegex(@"^LabelStudio\.ML\.(?:\w+\.)?(?<version>\d+\.\d+\.\d+(?:-[\w.]+)?)\.nupkg$")]
    private static partial Regex PackageVersion();
}
