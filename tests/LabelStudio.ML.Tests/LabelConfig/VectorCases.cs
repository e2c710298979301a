using System.Text.Json.Nodes;
using Xunit;

namespace LabelStudio.ML.Tests;

/// <summary>Reads the cases of a vector file copied next to the test assembly, by section and name.</summary>
internal static class VectorCases
{
    /// <summary>The case names of <paramref name="section"/>, one theory row each.</summary>
    public static TheoryData<string> Names(string file, string section)
    {
        var names = new TheoryData<string>();
        foreach (var testCase in Section(file, section))
        {
            names.Add(testCase!["name"]!.GetValue<string>());
        }

        return names;
    }

    /// <summary>The case called <paramref name="name"/> in <paramref name="section"/>.</summary>
    public static JsonObject Get(string file, string section, string name) =>
        Section(file, section).Single(testCase => testCase!["name"]!.GetValue<string>() == name)!.AsObject();

    private static JsonArray Section(string file, string section) =>
        JsonNode.Parse(File.ReadAllText(FixturePaths.Vector(file)))![section]!.AsArray();
}
