using System.Text.Json.Nodes;
using Xunit;

namespace LabelStudio.ML.Tests;

/// <summary>Every case of <c>vectors/parse_config.json</c> (SPEC §5.1) against <see cref="LabelConfig.ParseConfig"/>.</summary>
public sealed class ParseConfigVectorTests
{
    private const string File = "parse_config.json";

    public static TheoryData<string> Cases => VectorCases.Names(File, "cases");

    [Theory]
    [MemberData(nameof(Cases))]
    public void Parsed_config_matches_the_vector(string name)
    {
        var testCase = VectorCases.Get(File, "cases", name);
        var xml = testCase["label_config"]?.GetValue<string>();

        if (testCase.ContainsKey("expected_error"))
        {
            Assert.Throws<LabelConfigException>(() => LabelConfig.ParseConfig(xml));
            return;
        }

        var expected = testCase["expected"]!.AsObject();
        var actual = LabelConfig.ParseConfig(xml);

        JsonAssert.Equal(expected, actual);
        // Models index the parsed config positionally too, so control order and key order are part of the contract.
        Assert.Equal(Keys(expected), Keys(actual));
        foreach (var (control, info) in expected)
        {
            Assert.Equal(Keys(info!.AsObject()), Keys(actual[control]!.AsObject()));
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Instance_parsed_config_equals_the_static_one(string name)
    {
        var testCase = VectorCases.Get(File, "cases", name);
        var xml = testCase["label_config"]?.GetValue<string>();
        if (testCase.ContainsKey("expected_error") || string.IsNullOrEmpty(xml))
        {
            return;
        }

        var config = LabelConfig.Parse(xml);

        JsonAssert.Equal(LabelConfig.ParseConfig(xml), config.ToParsedConfig());
    }

    [Fact]
    public void Declaration_after_leading_whitespace_names_the_problem()
    {
        var xml = VectorCases.Get(File, "cases", "leading_whitespace_and_decl")["label_config"]!.GetValue<string>();

        var error = Assert.Throws<LabelConfigException>(() => LabelConfig.ParseConfig(xml));

        Assert.StartsWith("Label config is not well-formed XML:", error.Message, StringComparison.Ordinal);
        Assert.Contains("XML declaration", error.Message, StringComparison.Ordinal);
        Assert.Contains("Line 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Null_config_parses_to_an_empty_object()
    {
        Assert.Empty(LabelConfig.ParseConfig(null));
    }

    [Fact]
    public void Each_call_returns_an_independent_copy()
    {
        var config = LabelConfig.Parse("<View><Text name=\"t\" value=\"$t\"/><Choices name=\"c\" toName=\"t\"/></View>");

        config.ToParsedConfig()["c"]!["type"] = "Changed";

        Assert.Equal("Choices", config.ToParsedConfig()["c"]!["type"]!.GetValue<string>());
    }

    private static List<string> Keys(JsonObject json) => [.. json.Select(property => property.Key)];
}
