namespace LabelStudio.ML.Frontend.Tests;

/// <summary>Paths inside the repository these tests run from.</summary>
internal static class Repository
{
    /// <summary>The folder holding <c>LabelStudio.ML.slnx</c>, found upwards from the test assembly.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The Node.js frontend check (<c>tests/frontend</c>).</summary>
    public static string FrontendCheck => Path.Combine(Root, "tests", "frontend");

    /// <summary>Where the screenshots of the rendered tasks go: beside the test assembly.</summary>
    public static string Screenshots => Path.Combine(AppContext.BaseDirectory, "frontend-screenshots");

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "LabelStudio.ML.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException($"No LabelStudio.ML.slnx above {AppContext.BaseDirectory}");
    }
}
