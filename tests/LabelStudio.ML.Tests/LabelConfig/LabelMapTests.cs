using Xunit;

namespace LabelStudio.ML.Tests;

/// <summary>
/// <see cref="LabelConfig.BuildLabelMap"/> and <see cref="LabelConfig.BuildLabelMapByModelName"/> beyond the vectors.
/// </summary>
public sealed class LabelMapTests
{
    private static readonly LabelConfig Config = LabelConfig.Parse("""
        <View>
          <Image name="image" value="$image"/>
          <RectangleLabels name="label" toName="image">
            <Label value="Car" predicted_values="automobile"/>
            <Label value="Person"/>
            <Label value="Dog"/>
          </RectangleLabels>
        </View>
        """);

    [Fact]
    public void By_model_name_keys_a_case_insensitive_match_by_the_model_spelling()
    {
        string[] modelNames = ["automobile", "PERSON", "dog"];

        Assert.Equal(
            [KeyValuePair.Create("automobile", "Car"), KeyValuePair.Create("person", "Person"), KeyValuePair.Create("dog", "Dog")],
            Config.BuildLabelMap("label", modelNames));
        Assert.Equal(
            [KeyValuePair.Create("automobile", "Car"), KeyValuePair.Create("PERSON", "Person"), KeyValuePair.Create("dog", "Dog")],
            Config.BuildLabelMapByModelName("label", modelNames));
    }

    [Fact]
    public void By_model_name_maps_every_spelling_of_the_label()
    {
        var map = Config.BuildLabelMapByModelName("label", ["DOG", "dog"]);

        Assert.Equal("Dog", map["DOG"]);
        Assert.Equal("Dog", map["dog"]);
    }

    [Fact]
    public void An_exact_match_wins_over_case_insensitive_ones()
    {
        var map = Config.BuildLabelMapByModelName("label", ["Dog", "DOG"]);

        Assert.Equal([KeyValuePair.Create("Dog", "Dog")], map);
    }

    [Fact]
    public void An_unknown_control_is_an_error()
    {
        Assert.Throws<LabelConfigException>(() => Config.BuildLabelMap("boxes", ["car"]));
        Assert.Throws<LabelConfigException>(() => Config.BuildLabelMapByModelName("boxes", ["car"]));
    }
}
