using System.Text.Json.Nodes;
using Xunit;
using Xunit.Sdk;

namespace LabelStudio.ML.Tests;

/// <summary>The comparison the vector tests rely on must itself hold to the fixture rules.</summary>
public sealed class JsonAssertTests
{
    [Theory]
    [InlineData("""{"a": 1, "b": [1, 2]}""", """{"b": [1, 2], "a": 1}""")]
    [InlineData("""{"score": 0}""", """{"score": 0.0}""")]
    [InlineData("""[1e2]""", """[100]""")]
    [InlineData("null", "null")]
    public void Equal_documents_pass(string expected, string actual)
    {
        JsonAssert.Equal(JsonNode.Parse(expected), JsonNode.Parse(actual));
    }

    [Theory]
    [InlineData("""[1, 2]""", """[2, 1]""")]
    [InlineData("""{"a": 1}""", """{"a": 1, "b": 2}""")]
    [InlineData("""{"a": 1, "b": 2}""", """{"a": 1}""")]
    [InlineData("""{"a": "1"}""", """{"a": 1}""")]
    [InlineData("""{"a": null}""", """{"a": false}""")]
    [InlineData("""{"a": "x"}""", """{"a": "X"}""")]
    public void Different_documents_fail(string expected, string actual)
    {
        Assert.Throws<XunitException>(() => JsonAssert.Equal(JsonNode.Parse(expected), JsonNode.Parse(actual)));
    }
}
