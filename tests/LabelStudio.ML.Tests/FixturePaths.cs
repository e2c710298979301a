namespace LabelStudio.ML.Tests;

/// <summary>Locates the protocol fixtures copied next to the test assembly.</summary>
internal static class FixturePaths
{
    public static string Root => Path.Combine(AppContext.BaseDirectory, "Fixtures");

    public static string Vector(string name) => Path.Combine(Root, "vectors", name);
}
