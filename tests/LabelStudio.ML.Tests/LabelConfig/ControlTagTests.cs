using Xunit;

namespace LabelStudio.ML.Tests;

/// <summary>What <see cref="ControlTag"/> and its <see cref="LabelTag"/>s expose.</summary>
public sealed class ControlTagTests
{
    private static readonly LabelConfig Config = LabelConfig.Parse("""
        <View>
          <Image name="image" value="$image"/>
          <Text name="caption" value="$caption"/>
          <RectangleLabels name="boxes" toName="caption,missing,image" strokeWidth="3">
            <Label value="Car" background="blue" predicted_values=" car, truck ,, pickup "/>
            <Label value="Airplane" alias="Plane"/>
            <Label background="red"/>
          </RectangleLabels>
          <TextArea name="note" toName="image" perRegion="true" whenLabelValue="Car"/>
          <Choices name="dynamic" toName="image" value="$options"/>
          <Choices name="remote" toName="image" apiUrl="https://example.org/choices"/>
        </View>
        """);

    [Fact]
    public void Control_reports_its_tag_names_and_attributes()
    {
        var control = Config.GetControl("boxes");

        Assert.Equal("RectangleLabels", control.Tag);
        Assert.Equal("rectanglelabels", control.ResultType);
        Assert.Equal(["caption", "missing", "image"], control.ToNames);
        Assert.Equal(["name", "toName", "strokeWidth"], control.Attributes.Keys);
        Assert.Equal("3", control.Attributes["strokeWidth"]);
    }

    [Fact]
    public void Objects_are_the_existing_ones_in_to_name_order()
    {
        var control = Config.GetControl("boxes");

        Assert.Equal(["caption", "image"], control.Objects.Select(tag => tag.Name));
    }

    [Fact]
    public void Labels_are_keyed_by_alias_else_value_and_keyless_labels_are_skipped()
    {
        var control = Config.GetControl("boxes");

        Assert.Equal(["Car", "Plane"], control.Labels);
        Assert.Equal(["Car", "Plane"], control.LabelTags.Keys);
        Assert.Equal("Plane", control.LabelTags["Plane"].Value);
        Assert.Equal("Airplane", control.LabelTags["Plane"].Attributes["value"]);
    }

    [Fact]
    public void Label_attributes_are_verbatim_and_predicted_values_are_split()
    {
        var car = Config.GetControl("boxes").LabelTags["Car"];

        Assert.Equal(" car, truck ,, pickup ", car.Attributes["predicted_values"]);
        Assert.Equal(["car", "truck", "pickup"], car.PredictedValues);
        Assert.Empty(Config.GetControl("boxes").LabelTags["Plane"].PredictedValues);
    }

    [Fact]
    public void Dynamic_and_per_region_flags_follow_the_attributes()
    {
        Assert.False(Config.GetControl("boxes").IsDynamic);
        Assert.True(Config.GetControl("dynamic").IsDynamic);
        Assert.True(Config.GetControl("remote").IsDynamic);
        Assert.True(Config.GetControl("note").PerRegion);
        Assert.False(Config.GetControl("boxes").PerRegion);
    }

    [Fact]
    public void Match_pairs_the_control_with_its_first_or_named_object()
    {
        var control = Config.GetControl("boxes");

        Assert.Equal(new TagMatch("boxes", "caption", "caption"), control.Match());
        Assert.Equal(new TagMatch("boxes", "image", "image"), control.Match("image"));
    }

    [Fact]
    public void Match_without_such_an_object_is_an_error()
    {
        var control = Config.GetControl("boxes");

        var error = Assert.Throws<LabelConfigException>(() => control.Match("missing"));

        Assert.Equal(
            "Control tag 'boxes' (toName=\"caption,missing,image\") is not bound to an object tag named 'missing' in the label config",
            error.Message);
    }

    [Fact]
    public void First_tag_filters_objects_by_lower_cased_name()
    {
        var config = LabelConfig.Parse("""
            <View>
              <Image name="Left" value="$left"/>
              <Image name="Right" value="$right"/>
              <RectangleLabels name="Boxes" toName="Left,Right"/>
            </View>
            """);
        var seen = new List<string>();

        var match = config.FirstTag("rectanglelabels", "image", name => { seen.Add(name); return true; }, name => name == "right");

        Assert.Equal(new TagMatch("Boxes", "Right", "right"), match);
        Assert.Equal(["boxes"], seen);
    }

    [Fact]
    public void First_tag_with_several_types_names_them_all_when_nothing_matches()
    {
        var error = Assert.Throws<LabelConfigException>(() => Config.FirstTag(["Labels", "Choices"], ["Text", "Audio"]));

        Assert.Equal("No control tag of type Labels or Choices and object tag of type Text or Audio found in label config", error.Message);
        Assert.False(Config.TryFirstTag("Labels", "Text", out _));
        Assert.True(Config.TryFirstTag("RectangleLabels", "Image", out var match));
        Assert.Equal(new TagMatch("boxes", "image", "image"), match);
    }
}
