using System.Xml;
using Xunit;

namespace LabelStudio.ML.Tests;

/// <summary><see cref="LabelConfig.Parse"/>: what it accepts, what it refuses and how it says why.</summary>
public sealed class LabelConfigParseTests
{
    [Fact]
    public void Mismatched_tags_name_the_problem_and_where()
    {
        const string Xml = """
            <View>
              <Text name="text" value="$text"/>
              <Choices name="sentiment" toName="text">
                <Choice value="Positive"/>
            </View>
            """;

        var error = Assert.Throws<LabelConfigException>(() => LabelConfig.Parse(Xml));

        Assert.StartsWith("Label config is not well-formed XML: ", error.Message, StringComparison.Ordinal);
        Assert.Contains("'Choices' start tag on line 3", error.Message, StringComparison.Ordinal);
        Assert.Contains("does not match the end tag of 'View'", error.Message, StringComparison.Ordinal);
        Assert.Contains("Line 5, position 3.", error.Message, StringComparison.Ordinal);
        Assert.IsType<XmlException>(error.InnerException);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("not xml at all")]
    [InlineData("<View><Image name=\"i\" value=\"$i\"></View>")]
    [InlineData("<View/><View/>")]
    public void Text_that_is_not_well_formed_is_refused(string xml)
    {
        var error = Assert.Throws<LabelConfigException>(() => LabelConfig.Parse(xml));

        Assert.StartsWith("Label config is not well-formed XML: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Leading_whitespace_without_declaration_is_fine()
    {
        var config = LabelConfig.Parse("\n   <View><Image name=\"image\" value=\"$image\"/></View>");

        Assert.Equal("image", config.GetObject().Name);
    }

    [Fact]
    public void Declaration_at_the_very_start_is_fine()
    {
        var config = LabelConfig.Parse("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<View><Image name=\"image\" value=\"$image\"/></View>");

        Assert.Equal("image", config.GetObject().Name);
    }

    [Fact]
    public void Comments_and_processing_instructions_are_skipped()
    {
        var config = LabelConfig.Parse(
            "<View><!-- <Text name=\"hidden\" value=\"$hidden\"/> --><?app hint?><Text name=\"t\" value=\"$t\"/></View>\n<!-- {\"data\": {}} -->");

        Assert.Equal(["t"], config.Objects.Select(tag => tag.Name));
    }

    [Fact]
    public void Document_type_definitions_are_refused()
    {
        const string Xml = "<!DOCTYPE View [<!ENTITY big \"aaaaaaaaaa\">]><View><Text name=\"t\" value=\"&big;\"/></View>";

        var error = Assert.Throws<LabelConfigException>(() => LabelConfig.Parse(Xml));

        Assert.IsType<XmlException>(error.InnerException);
    }

    [Fact]
    public void Parse_keeps_the_text()
    {
        const string Xml = "<View><Text name=\"t\" value=\"$t\"/></View>";

        Assert.Equal(Xml, LabelConfig.Parse(Xml).Xml);
    }

    [Fact]
    public void Emoji_and_cjk_attribute_values_survive()
    {
        const string Xml = """
            <View>
              <Text name="文本" value="$текст"/>
              <Choices name="感情" toName="文本">
                <Choice value="😀 良い" hint="ポジティブ 👍"/>
                <Choice value="悪い"/>
              </Choices>
            </View>
            """;

        var config = LabelConfig.Parse(Xml);
        var parsed = config.ToParsedConfig();

        var control = config.GetControl("感情");
        Assert.Equal(["😀 良い", "悪い"], control.Labels);
        Assert.Equal("ポジティブ 👍", control.LabelTags["😀 良い"].Attributes["hint"]);
        Assert.Equal("текст", config.GetObject("文本").ValueName);
        Assert.Equal("😀 良い", parsed["感情"]!["labels"]![0]!.GetValue<string>());
        Assert.Equal("ポジティブ 👍", parsed["感情"]!["labels_attrs"]!["😀 良い"]!["hint"]!.GetValue<string>());
        Assert.Equal("текст", parsed["感情"]!["inputs"]![0]!["value"]!.GetValue<string>());
    }
}
