using System.Text.Json.Nodes;
using Xunit;

namespace LabelStudio.ML.Tests;

/// <summary>
/// Every case of <c>vectors/label_interface.json</c>: <see cref="LabelConfig.BuildLabelMap"/> (SPEC §5.5) and
/// <see cref="LabelConfig.FirstTag(IEnumerable{string}, IEnumerable{string}, Func{string, bool}?, Func{string, bool}?)"/> (§5.4).
/// </summary>
public sealed class LabelInterfaceVectorTests
{
    private const string File = "label_interface.json";
    private const string LabelMapSection = "build_label_map";
    private const string FirstTagSection = "get_first_tag_occurence";

    public static TheoryData<string> LabelMapCases => VectorCases.Names(File, LabelMapSection);

    public static TheoryData<string> FirstTagCases => VectorCases.Names(File, FirstTagSection);

    [Theory]
    [MemberData(nameof(LabelMapCases))]
    public void Label_map_matches_the_vector(string name)
    {
        var testCase = VectorCases.Get(File, LabelMapSection, name);
        var config = LabelConfig.Parse(testCase["label_config"]!.GetValue<string>());

        var map = config.BuildLabelMap(testCase["tag_name"]!.GetValue<string>(), Strings(testCase["model_names"]));

        JsonAssert.Equal(testCase["expected"], ToJson(map));
    }

    [Theory]
    [MemberData(nameof(LabelMapCases))]
    public void Label_map_by_model_name_keys_every_entry_by_a_model_name(string name)
    {
        var testCase = VectorCases.Get(File, LabelMapSection, name);
        var config = LabelConfig.Parse(testCase["label_config"]!.GetValue<string>());
        var modelNames = Strings(testCase["model_names"]);
        // The expected map with QUIRK-11's lower-cased keys put back into the model's own spelling.
        var expected = new JsonObject();
        foreach (var (key, label) in testCase["expected"]!.AsObject())
        {
            foreach (var modelName in modelNames.Where(modelName =>
                modelName == key || (!modelNames.Contains(key) && modelName.ToLowerInvariant() == key)))
            {
                expected[modelName] = label!.DeepClone();
            }
        }

        var map = config.BuildLabelMapByModelName(testCase["tag_name"]!.GetValue<string>(), modelNames);

        JsonAssert.Equal(expected, ToJson(map));
        Assert.All(map.Keys, key => Assert.Contains(key, modelNames));
    }

    [Theory]
    [MemberData(nameof(FirstTagCases))]
    public void First_tag_matches_the_vector(string name)
    {
        var testCase = VectorCases.Get(File, FirstTagSection, name);
        var config = LabelConfig.Parse(testCase["label_config"]!.GetValue<string>());
        var controlTypes = StringOrStrings(testCase["control_type"]);
        var objectTypes = StringOrStrings(testCase["object_type"]);
        var nameFilter = NameFilter(testCase["name_filter"]?.GetValue<string>());

        if (testCase["expected_error"]?.GetValue<string>() is { } expectedError)
        {
            var error = Assert.Throws<LabelConfigException>(() => config.FirstTag(controlTypes, objectTypes, nameFilter));
            // The vector carries the Python exception class before the message.
            Assert.Equal(expectedError[(expectedError.IndexOf(": ", StringComparison.Ordinal) + 2)..], error.Message);
            Assert.False(config.TryFirstTag(controlTypes, objectTypes, nameFilter, null, out _));
            return;
        }

        var expected = Strings(testCase["expected"]);
        var match = config.FirstTag(controlTypes, objectTypes, nameFilter);

        Assert.Equal(new TagMatch(expected[0], expected[1], expected[2]), match);
        Assert.True(config.TryFirstTag(controlTypes, objectTypes, nameFilter, null, out var tried));
        Assert.Equal(match, tried);
    }

    /// <summary>The vectors write a name filter as <c>startswith:X</c>.</summary>
    private static Func<string, bool>? NameFilter(string? spec)
    {
        const string StartsWith = "startswith:";
        if (spec is null)
        {
            return null;
        }

        Assert.StartsWith(StartsWith, spec, StringComparison.Ordinal);
        var prefix = spec[StartsWith.Length..];
        return name => name.StartsWith(prefix, StringComparison.Ordinal);
    }

    private static List<string> StringOrStrings(JsonNode? node) =>
        node is JsonArray ? Strings(node) : [node!.GetValue<string>()];

    private static List<string> Strings(JsonNode? node) => [.. node!.AsArray().Select(item => item!.GetValue<string>())];

    private static JsonObject ToJson(IReadOnlyDictionary<string, string> map) =>
        new(map.Select(entry => KeyValuePair.Create(entry.Key, (JsonNode?)JsonValue.Create(entry.Value))));
}
