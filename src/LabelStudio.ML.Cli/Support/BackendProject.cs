using System.Diagnostics;

namespace LabelStudio.ML.Cli.Support;

/// <summary>The backend project of a folder: which <c>.csproj</c> it is, where its build output goes, whether that is stale.</summary>
internal sealed class BackendProject
{
    private static readonly string[] SourcePatterns = ["*.cs", "*.csproj", "*.props", "*.targets", "*.json", "*.config"];

    private BackendProject(string projectFile) => ProjectFile = projectFile;

    public string ProjectFile { get; }

    public string Directory => Path.GetDirectoryName(ProjectFile)!;

    /// <summary>The backend project in <paramref name="path"/> (a folder, or a <c>.csproj</c> file).</summary>
    public static BackendProject Locate(string path)
    {
        if (File.Exists(path) && path.EndsWith(".csproj", StringComparison.OrdinalIgnoreCase))
        {
            return new BackendProject(Path.GetFullPath(path));
        }

        var full = Preconditions.BackendFolder(path);

        // The backend, not its tests: a folder made by `create` holds the backend's project and a *.Tests folder.
        var projects = System.IO.Directory.GetFiles(full, "*.csproj")
            .Where(project => !Path.GetFileNameWithoutExtension(project).EndsWith(".Tests", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal)
            .ToList();
        return projects.Count switch
        {
            0 => throw new CliException($"{full} has no .csproj: give the folder of a backend (made by `label-studio-ml create`)."),
            1 => new BackendProject(projects[0]),
            _ => throw new CliException($"{full} has several projects ({string.Join(", ", projects.Select(Path.GetFileName))}); give the one to start as DIR/NAME.csproj."),
        };
    }

    /// <summary>The built assembly (<c>TargetPath</c>), asked from MSBuild so that custom output paths are honoured.</summary>
    public async Task<string> TargetPathAsync(CancellationToken cancellationToken)
    {
        var startInfo = new ProcessStartInfo(DotnetHost.Path, ["msbuild", ProjectFile, "-getProperty:TargetPath", "-nologo"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Directory,
        };
        using var process = Process.Start(startInfo) ?? throw new CliException("could not start dotnet.");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        var targetPath = (await output.ConfigureAwait(false)).Trim();
        if (process.ExitCode != 0 || targetPath.Length == 0)
        {
            var reason = $"{await output.ConfigureAwait(false)} {await error.ConfigureAwait(false)}".Trim().Split('\n')[0];
            throw new CliException($"could not read the project {ProjectFile}: {reason}");
        }

        return targetPath;
    }

    /// <summary>Whether <paramref name="targetPath"/> is missing or older than a source file of the project.</summary>
    public bool NeedsBuild(string targetPath)
    {
        if (!File.Exists(targetPath))
        {
            return true;
        }

        var built = File.GetLastWriteTimeUtc(targetPath);
        return SourceFiles().Any(file => File.GetLastWriteTimeUtc(file) > built);
    }

    private IEnumerable<string> SourceFiles()
    {
        var options = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true };
        return SourcePatterns
            .SelectMany(pattern => System.IO.Directory.EnumerateFiles(Directory, pattern, options))
            .Where(file => !IsOutput(Path.GetRelativePath(Directory, file)));
    }

    // Build output and the tests' folders are not sources of the backend.
    private static bool IsOutput(string relative)
    {
        var first = relative.Split(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);
        return first.Any(part => part is "bin" or "obj" or "TestResults")
            || first[0].EndsWith(".Tests", StringComparison.OrdinalIgnoreCase);
    }
}
