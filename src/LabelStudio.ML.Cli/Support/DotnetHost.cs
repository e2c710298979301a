namespace LabelStudio.ML.Cli.Support;

/// <summary>The <c>dotnet</c> host to build and run backends with.</summary>
internal static class DotnetHost
{
    /// <summary>
    /// The host running this tool when it is <c>dotnet</c> itself (always, for a framework-dependent tool), else the
    /// one the .NET CLI names in <c>DOTNET_HOST_PATH</c>, else <c>dotnet</c> from <c>PATH</c>.
    /// </summary>
    public static string Path
    {
        get
        {
            if (Environment.ProcessPath is { } current
                && System.IO.Path.GetFileNameWithoutExtension(current).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
            {
                return current;
            }

            return Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host)
                ? host
                : ExecutableLocator.Find("dotnet") ?? "dotnet";
        }
    }
}
