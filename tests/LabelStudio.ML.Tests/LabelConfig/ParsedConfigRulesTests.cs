using System.Text.Json.Nodes;
using Xunit;

namespace LabelStudio.ML.Tests;

/// <summary>Rules of SPEC §5.1 that the vectors do not exercise.</summary>
public sealed class ParsedConfigRulesTests
{
    [Theory]
    [InlineData("whenTagName=\"bbox\"", """{"type": "tag", "name": "bbox"}""")]
    [InlineData("whenChoiceValue=\"Yes\"", """{"type": "choice", "name": "Yes"}""")]
    [InlineData("whenChoiceValue=\"Yes\" whenTagName=\"bbox\"", """{"type": "tag", "name": "bbox"}""")]
    [InlineData("whenTagName=\"\" whenLabelValue=\"Car\"", """{"type": "label", "name": "Car"}""")]
    public void Conditionals_take_the_first_condition_by_priority(string conditions, string expected)
    {
        var parsed = LabelConfig.ParseConfig(
            $"<View><Image name=\"i\" value=\"$i\"/><TextArea name=\"note\" toName=\"i\" perRegion=\"true\" {conditions}/></View>");

        JsonAssert.Equal(JsonNode.Parse(expected), parsed["note"]!["conditionals"]);
    }

    [Theory]
    [InlineData("perRegion=\"True\" whenTagName=\"bbox\"")]
    [InlineData("perRegion=\"true\"")]
    public void Conditionals_need_per_region_true_and_a_condition(string attributes)
    {
        var parsed = LabelConfig.ParseConfig($"<View><Image name=\"i\" value=\"$i\"/><TextArea name=\"note\" toName=\"i\" {attributes}/></View>");

        Assert.False(parsed["note"]!.AsObject().ContainsKey("conditionals"));
    }

    [Theory]
    [InlineData("apiUrl=\"https://example.org/labels\"", true)]
    [InlineData("value=\"$options\"", true)]
    [InlineData("value=\"$options.list\"", false)]
    [InlineData("value=\"options\"", false)]
    [InlineData("apiUrl=\"\"", false)]
    public void Dynamic_labels_need_a_plain_variable_or_an_api_url(string attributes, bool dynamic)
    {
        var parsed = LabelConfig.ParseConfig($"<View><Text name=\"t\" value=\"$t\"/><Choices name=\"c\" toName=\"t\" {attributes}/></View>");

        Assert.Equal(dynamic, parsed["c"]!.AsObject().ContainsKey("dynamic_labels"));
    }

    [Fact]
    public void A_header_with_name_and_value_is_an_input()
    {
        var parsed = LabelConfig.ParseConfig("<View><Header name=\"h\" value=\"$title\"/><Choices name=\"c\" toName=\"h\"/></View>");

        JsonAssert.Equal(JsonNode.Parse("""[{"type": "Header", "valueType": null, "value": "title"}]"""), parsed["c"]!["inputs"]);
    }

    [Fact]
    public void The_parsed_config_keys_labels_by_value_list_when_alias_and_value_are_empty()
    {
        var config = LabelConfig.Parse("<View><Text name=\"t\" value=\"$t\"/><Choices name=\"c\" toName=\"t\"><Choice valueList=\"$opts\"/></Choices></View>");

        Assert.Equal("$opts", config.ToParsedConfig()["c"]!["labels"]![0]!.GetValue<string>());
        // The label interface has no valueList fallback (SPEC §5.3).
        Assert.Empty(config.GetControl("c").Labels);
    }
}
