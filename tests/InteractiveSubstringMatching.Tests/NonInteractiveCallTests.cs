using System.Text.Json.Nodes;
using InteractiveSubstringMatching.Tests.Support;
using LabelStudio.ML.Testing;
using Xunit;

namespace InteractiveSubstringMatching.Tests;

/// <summary>
/// Without a labeled selection there is nothing to look for: batch pre-annotation ("Retrieve predictions") and
/// interactive calls without a <c>Labels</c> span are answered <c>{"results": []}</c>, so Label Studio stores nothing.
/// </summary>
public sealed class NonInteractiveCallTests
{
    public static TheoryData<string, JsonNode?> ParamsWithoutSelection() => new()
    {
        { "no params", null },
        { "params without context", new JsonObject { ["login"] = null, ["password"] = null } },
        { "context null (batch pre-annotation)", new JsonObject { ["login"] = null, ["password"] = null, ["context"] = null } },
        { "context with an empty result", new JsonObject { ["context"] = new JsonObject { ["result"] = new JsonArray() } } },
        {
            "context whose region belongs to no control of the config",
            new JsonObject
            {
                ["context"] = new JsonObject
                {
                    ["result"] = new JsonArray(new JsonObject
                    {
                        ["from_name"] = "sentiment",
                        ["to_name"] = "text",
                        ["type"] = "choices",
                        ["value"] = new JsonObject { ["choices"] = new JsonArray("Positive") },
                    }),
                },
            }
        },
        {
            "labels region whose from_name and text are not strings",
            new JsonObject
            {
                ["context"] = new JsonObject
                {
                    ["result"] = new JsonArray(new JsonObject
                    {
                        ["from_name"] = 5,
                        ["to_name"] = "text",
                        ["type"] = "labels",
                        ["value"] = new JsonObject { ["start"] = 0, ["end"] = 5, ["text"] = 12345, ["labels"] = new JsonArray("ORG") },
                    }),
                },
            }
        },
        {
            "labels region with an empty text",
            new JsonObject { ["context"] = NerProject.SelectionContext(3, 3, string.Empty) }
        },
    };

    [Theory]
    [MemberData(nameof(ParamsWithoutSelection))]
    public async Task Is_answered_with_an_empty_results_list(string situation, JsonNode? parameters)
    {
        await using var backend = await TestBackend.StartAsync<SubstringMatchingModel>();
        var body = new JsonObject
        {
            ["tasks"] = new JsonArray(NerProject.Task(1, "Apple and apple"), NerProject.Task(2, "Apple")),
            ["project"] = "3.1712586036",
            ["label_config"] = NerProject.LabelConfig,
        };
        if (parameters is not null)
        {
            body["params"] = parameters.DeepClone();
        }

        using var response = await backend.PostJsonAsync("/predict", body);

        Assert.Equal(200, (int)response.StatusCode);
        var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(JsonNode.DeepEquals(new JsonObject { ["results"] = new JsonArray() }, answer), $"{situation}: {answer?.ToJsonString()}");
    }
}
