using Xunit;

namespace LabelStudio.ML.Tests;

/// <summary>Finding tags by name: <see cref="LabelConfig.GetControl"/>, <see cref="LabelConfig.GetObject"/> and their Try forms.</summary>
public sealed class LabelConfigLookupTests
{
    private const string TwoControlsXml = """
        <View>
          <Image name="image" value="$image"/>
          <RectangleLabels name="boxes" toName="image"><Label value="Car"/></RectangleLabels>
          <Choices name="quality" toName="image"><Choice value="Good"/></Choices>
        </View>
        """;

    [Fact]
    public void Without_a_name_the_single_tag_is_returned()
    {
        var config = LabelConfig.Parse("<View><Text name=\"t\" value=\"$t\"/><Labels name=\"ner\" toName=\"t\"/></View>");

        Assert.Equal("ner", config.GetControl().Name);
        Assert.Equal("t", config.GetObject().Name);
    }

    [Fact]
    public void Without_a_name_several_controls_are_an_error_that_lists_them()
    {
        var config = LabelConfig.Parse(TwoControlsXml);

        var error = Assert.Throws<LabelConfigException>(() => config.GetControl());

        Assert.Equal("Label config has 2 control tags ('boxes', 'quality'); name the one you need", error.Message);
    }

    [Fact]
    public void Without_a_name_no_tag_at_all_is_an_error()
    {
        var config = LabelConfig.Parse("<View><Header value=\"Nothing to label\"/></View>");

        Assert.Equal("Label config has no control tag", Assert.Throws<LabelConfigException>(() => config.GetControl()).Message);
        Assert.Equal("Label config has no object tag", Assert.Throws<LabelConfigException>(() => config.GetObject()).Message);
    }

    [Fact]
    public void An_unknown_name_is_an_error_that_names_it_and_the_known_ones()
    {
        var config = LabelConfig.Parse(TwoControlsXml);

        var controlError = Assert.Throws<LabelConfigException>(() => config.GetControl("label"));
        var objectError = Assert.Throws<LabelConfigException>(() => config.GetObject("img"));

        Assert.Equal("Label config has no control tag named 'label'; its control tags are: 'boxes', 'quality'", controlError.Message);
        Assert.Equal("Label config has no object tag named 'img'; its object tags are: 'image'", objectError.Message);
    }

    [Fact]
    public void Names_are_case_sensitive()
    {
        var config = LabelConfig.Parse(TwoControlsXml);

        Assert.False(config.TryGetControl("Boxes", out _));
    }

    [Fact]
    public void Try_forms_report_presence()
    {
        var config = LabelConfig.Parse(TwoControlsXml);

        Assert.True(config.TryGetControl("quality", out var control));
        Assert.Equal("Choices", control.Tag);
        Assert.False(config.TryGetControl("missing", out var missing));
        Assert.Null(missing);
        Assert.True(config.TryGetObject("image", out var image));
        Assert.Equal("Image", image.Tag);
        Assert.False(config.TryGetObject("boxes", out _));
    }

    [Fact]
    public void Tags_are_listed_in_document_order()
    {
        var config = LabelConfig.Parse("""
            <View>
              <Labels name="ner" toName="text"><Label value="PER"/></Labels>
              <Text name="text" value="$text"/>
              <Choices name="topic" toName="text,title"/>
              <Text name="title" value="$title"/>
            </View>
            """);

        Assert.Equal(["ner", "topic"], config.Controls.Select(control => control.Name));
        Assert.Equal(["text", "title"], config.Objects.Select(tag => tag.Name));
    }

    [Fact]
    public void A_repeated_control_name_keeps_the_first_position_and_the_last_definition()
    {
        var config = LabelConfig.Parse("""
            <View>
              <Text name="text" value="$text"/>
              <Choices name="a" toName="text"/>
              <Rating name="b" toName="text"/>
              <Labels name="a" toName="text"/>
            </View>
            """);

        Assert.Equal(["a", "b"], config.Controls.Select(control => control.Name));
        Assert.Equal("Labels", config.GetControl("a").Tag);
        Assert.Equal(["a", "b"], config.ToParsedConfig().Select(control => control.Key));
        Assert.Equal("Labels", config.ToParsedConfig()["a"]!["type"]!.GetValue<string>());
    }

    [Fact]
    public void Filter_is_not_a_control()
    {
        var config = LabelConfig.Parse("""
            <View>
              <Text name="text" value="$text"/>
              <Filter name="filter" toName="labels"/>
              <Labels name="labels" toName="text"><Label value="A"/></Labels>
            </View>
            """);

        Assert.Equal(["labels"], config.Controls.Select(control => control.Name));
    }

    [Theory]
    [InlineData("Chat")]
    [InlineData("ReactCode")]
    public void Self_bound_tags_are_both_object_and_control(string tag)
    {
        var config = LabelConfig.Parse($"<View><{tag} name=\"conversation\" value=\"$messages\"/></View>");

        var control = config.GetControl("conversation");
        var objectTag = config.GetObject("conversation");

        Assert.Equal(tag, control.Tag);
        Assert.Equal(["conversation"], control.ToNames);
        Assert.Same(objectTag, Assert.Single(control.Objects));
        Assert.Equal(new TagMatch("conversation", "conversation", "messages"), control.Match());
    }
}
