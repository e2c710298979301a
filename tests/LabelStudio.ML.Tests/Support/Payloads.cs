using System.Text.Json.Nodes;

namespace LabelStudio.ML.Tests.Support;

/// <summary>Request bodies shaped as Label Studio sends them.</summary>
internal static class Payloads
{
    public const string SentimentConfig =
        "<View>\n  <Text name=\"text\" value=\"$text\"/>\n  <Choices name=\"sentiment\" toName=\"text\" choice=\"single\">\n" +
        "    <Choice value=\"Positive\"/>\n    <Choice value=\"Negative\"/>\n  </Choices>\n</View>";

    public static JsonObject Task(long id, string text) =>
        new() { ["id"] = id, ["data"] = new JsonObject { ["text"] = text }, ["annotations"] = new JsonArray(), ["predictions"] = new JsonArray() };

    public static JsonObject Predict(string labelConfig, string project, params JsonObject[] tasks) => new()
    {
        ["tasks"] = new JsonArray([.. tasks]),
        ["project"] = project,
        ["label_config"] = labelConfig,
        ["params"] = new JsonObject { ["login"] = null, ["password"] = null, ["context"] = null },
    };

    public static JsonObject Setup(string labelConfig, string project, JsonNode? extraParams = null) => new()
    {
        ["project"] = project,
        ["schema"] = labelConfig,
        ["hostname"] = "http://localhost:8080",
        ["access_token"] = "0123456789abcdef0123456789abcdef01234567",
        ["extra_params"] = extraParams,
    };

    public static JsonObject Webhook(string action, long projectId, string labelConfig) => new()
    {
        ["action"] = action,
        ["annotation"] = new JsonObject { ["id"] = 17, ["result"] = new JsonArray() },
        ["task"] = Task(1, "good news"),
        ["project"] = new JsonObject { ["id"] = projectId, ["label_config"] = labelConfig },
    };
}
