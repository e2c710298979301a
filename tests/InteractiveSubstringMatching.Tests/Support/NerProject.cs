using System.Text.Json.Nodes;

namespace InteractiveSubstringMatching.Tests.Support;

/// <summary>
/// The named-entity project of Label Studio's interactive text-span call: its label config, its tasks and the
/// interactive context the labeling UI sends when the labeler selects a span and gives it a label.
/// </summary>
internal static class NerProject
{
    /// <summary>The label config of the captured request: one <c>Labels</c> control on one <c>Text</c> object.</summary>
    public const string LabelConfig =
        "<View>\n  <Labels name=\"label\" toName=\"text\">\n    <Label value=\"PER\" background=\"red\"/>\n    <Label value=\"ORG\" background=\"darkorange\"/>\n" +
        "    <Label value=\"LOC\" background=\"orange\"/>\n    <Label value=\"MISC\" background=\"green\"/>\n  </Labels>\n\n  <Text name=\"text\" value=\"$text\"/>\n</View>";

    /// <summary>A task as Label Studio sends it, with its text under the config's <c>$text</c> key.</summary>
    public static JsonObject Task(long id, string text) =>
        new() { ["id"] = id, ["data"] = new JsonObject { ["text"] = text }, ["annotations"] = new JsonArray(), ["predictions"] = new JsonArray() };

    /// <summary>
    /// The interactive context of a labeler who selected code points <paramref name="start"/> to <paramref name="end"/>
    /// (<paramref name="text"/>) and labeled them <paramref name="label"/>.
    /// </summary>
    public static JsonObject SelectionContext(int start, int end, string text, string label = "ORG") => new()
    {
        ["annotation_id"] = null,
        ["draft_id"] = 0,
        ["user_id"] = 1,
        ["result"] = new JsonArray(new JsonObject
        {
            ["value"] = new JsonObject { ["start"] = start, ["end"] = end, ["text"] = text, ["labels"] = new JsonArray(label) },
            ["id"] = "selected01",
            ["from_name"] = "label",
            ["to_name"] = "text",
            ["type"] = "labels",
            ["origin"] = "manual",
        }),
    };

    /// <summary>The regions of a prediction as (start, end, text, score), in the order the backend sent them.</summary>
    public static List<(int Start, int End, string Text, double Score)> Spans(JsonNode? prediction) =>
        [.. prediction!["result"]!.AsArray().Select(region => (
            region!["value"]!["start"]!.GetValue<int>(),
            region["value"]!["end"]!.GetValue<int>(),
            region["value"]!["text"]!.GetValue<string>(),
            region["score"]!.GetValue<double>()))];
}
