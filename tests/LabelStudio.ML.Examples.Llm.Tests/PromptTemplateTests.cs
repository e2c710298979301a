using System.Text.Json.Nodes;
using Xunit;

namespace LabelStudio.ML.Examples.Llm.Tests;

public sealed class PromptTemplateTests
{
    [Fact]
    public void Named_fields_are_filled_and_doubled_braces_are_literal()
    {
        var filled = PromptTemplate.Fill("Classify {text} as one of {labels}; answer as {{\"label\": …}}", new Dictionary<string, string> { ["text"] = "hi", ["labels"] = "A, B" }, "task 1");

        Assert.Equal("Classify hi as one of A, B; answer as {\"label\": …}", filled);
    }

    [Fact]
    public void An_unknown_field_is_422_naming_the_task_and_the_field()
    {
        var failure = Assert.Throws<AnswerException>(() => PromptTemplate.Fill("Use {title}", new Dictionary<string, string> { ["text"] = "x" }, "task 9"));

        Assert.Equal(422, failure.StatusCode);
        Assert.Equal("task 9: the prompt names {title}, which is not one of {text} (write '{{' for a literal brace).", failure.Message);
    }

    [Fact]
    public void Task_fields_are_strings_as_they_are_and_other_values_as_json()
    {
        var fields = PromptTemplate.TaskFields(new JsonObject { ["text"] = "a \"b\"", ["n"] = 3, ["tags"] = new JsonArray("x", "y") });

        Assert.Equal("a \"b\"", fields["text"]);
        Assert.Equal("3", fields["n"]);
        Assert.Equal("[\"x\",\"y\"]", fields["tags"]);
    }
}
