using System.Text.Json.Nodes;
using Xunit;

namespace LabelStudio.ML.Tests;

/// <summary><see cref="ObjectTag"/>: its data reference and resolving it against task data.</summary>
public sealed class ObjectTagTests
{
    private static readonly LabelConfig Config = LabelConfig.Parse("""
        <View>
          <Text name="text" value="$text" valueType="text"/>
          <Image name="pages" valueList="$pages"/>
          <Text name="plain" value="plain"/>
          <Text name="double" value="$$text"/>
          <Image name="nested" value="$images[0].url"/>
        </View>
        """);

    [Fact]
    public void Value_keeps_the_dollar_and_value_name_drops_one_leading_dollar_only()
    {
        Assert.Equal("$text", Config.GetObject("text").Value);
        Assert.Equal("text", Config.GetObject("text").ValueName);
        // SPEC QUIRK-15 is fixed on purpose: a value without '$' keeps its first character.
        Assert.Equal("plain", Config.GetObject("plain").ValueName);
        Assert.Equal("$text", Config.GetObject("double").ValueName);
    }

    [Fact]
    public void Value_list_is_the_value_when_present()
    {
        var pages = Config.GetObject("pages");

        Assert.Equal("$pages", pages.Value);
        Assert.Equal("pages", pages.ValueName);
    }

    [Fact]
    public void Value_type_and_attributes_are_exposed()
    {
        Assert.Equal("text", Config.GetObject("text").ValueType);
        Assert.Null(Config.GetObject("pages").ValueType);
        Assert.Equal(["name", "value", "valueType"], Config.GetObject("text").Attributes.Keys);
    }

    [Fact]
    public void Resolve_value_returns_the_task_data_under_the_value_name()
    {
        var data = JsonNode.Parse("""{"pages": ["/data/1.png", "/data/2.png"], "text": "Hello"}""")!.AsObject();

        var pages = Config.GetObject("pages").ResolveValue(data);

        JsonAssert.Equal(JsonNode.Parse("""["/data/1.png", "/data/2.png"]"""), pages);
        Assert.Null(Config.GetObject("text").ResolveValue(JsonNode.Parse("""{"text": null}""")!.AsObject()));
    }

    [Fact]
    public void A_missing_key_is_a_422_that_names_the_task_the_key_and_the_tag()
    {
        var data = JsonNode.Parse("""{"image": "/data/upload/1.png", "meta": {}}""")!.AsObject();

        var error = Assert.Throws<AnswerException>(() => Config.GetObject("text").ResolveText(data, 5021));

        Assert.Equal(422, error.StatusCode);
        Assert.Equal(
            "Task 5021 has no data key 'text' (needed by <Text name=\"text\" value=\"$text\">); task data keys: image, meta",
            error.Message);
    }

    [Fact]
    public void A_missing_key_without_task_id_or_data_still_reads_well()
    {
        var error = Assert.Throws<AnswerException>(() => Config.GetObject("pages").ResolveValue([]));

        Assert.Equal(
            "The task has no data key 'pages' (needed by <Image name=\"pages\" valueList=\"$pages\">); task data keys: none",
            error.Message);
    }

    [Fact]
    public void Nested_references_are_not_resolved()
    {
        var data = JsonNode.Parse("""{"images": [{"url": "/data/1.png"}]}""")!.AsObject();

        var error = Assert.Throws<AnswerException>(() => Config.GetObject("nested").ResolveValue(data, 1));

        Assert.Contains("no data key 'images[0].url'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"text": "Hello 世界 👋"}""", "Hello 世界 👋")]
    [InlineData("""{"text": 42}""", "42")]
    [InlineData("""{"text": 0.5}""", "0.5")]
    [InlineData("""{"text": true}""", "true")]
    public void Resolve_text_returns_scalars_as_text(string taskData, string expected)
    {
        var data = JsonNode.Parse(taskData)!.AsObject();

        Assert.Equal(expected, Config.GetObject("text").ResolveText(data, 7));
    }

    [Theory]
    [InlineData("""{"text": null}""", "null")]
    [InlineData("""{"text": ["a"]}""", "a JSON array")]
    [InlineData("""{"text": {"a": 1}}""", "a JSON object")]
    public void Resolve_text_refuses_values_that_are_not_text(string taskData, string kind)
    {
        var data = JsonNode.Parse(taskData)!.AsObject();

        var error = Assert.Throws<AnswerException>(() => Config.GetObject("text").ResolveText(data, 7));

        Assert.Equal(422, error.StatusCode);
        Assert.Equal(
            $"Task 7 data key 'text' holds {kind}, not text (needed by <Text name=\"text\" value=\"$text\">)",
            error.Message);
    }
}
