using System.Text.Json.Nodes;
using LabelStudio.ML.Testing;

namespace TextExamples.Testing;

/// <summary>Tasks, annotations and webhook bodies shaped as Label Studio sends them.</summary>
public static class LabelStudioJson
{
    public static JsonObject Task(long id, string text, params JsonObject[] annotations) => new()
    {
        ["id"] = id,
        ["project"] = 1,
        ["data"] = new JsonObject { ["text"] = text },
        ["annotations"] = new JsonArray([.. annotations]),
    };

    public static JsonObject Annotation(long id, bool cancelled, params JsonObject[] results) => new()
    {
        ["id"] = id,
        ["was_cancelled"] = cancelled,
        ["result"] = new JsonArray([.. results]),
        ["project"] = 1,
    };

    public static JsonObject Choice(string fromName, string choice) => new()
    {
        ["from_name"] = fromName,
        ["to_name"] = "text",
        ["type"] = "choices",
        ["value"] = new JsonObject { ["choices"] = new JsonArray(choice) },
    };

    public static JsonObject Span(string fromName, int start, int end, string text, string label) => new()
    {
        ["from_name"] = fromName,
        ["to_name"] = "text",
        ["type"] = "labels",
        ["value"] = new JsonObject { ["start"] = start, ["end"] = end, ["text"] = text, ["labels"] = new JsonArray(label) },
    };

    /// <summary>A webhook body: <c>action</c>, the project with its label config, and the annotation and task for annotation events.</summary>
    public static JsonObject Webhook(string action, string labelConfig, JsonObject? task = null, JsonObject? annotation = null)
    {
        var body = new JsonObject
        {
            ["action"] = action,
            ["project"] = new JsonObject { ["id"] = 1, ["label_config"] = labelConfig },
        };
        if (task is not null)
        {
            var bare = (JsonObject)task.DeepClone();
            bare.Remove("annotations");
            body["task"] = bare;
        }

        if (annotation is not null)
        {
            body["annotation"] = annotation.DeepClone();
        }

        return body;
    }

    /// <summary>Posts a webhook and returns the answer's JSON; fails the test on a non-success status.</summary>
    public static async Task<JsonObject> PostWebhookAsync(TestBackend backend, JsonObject body)
    {
        using var response = await backend.PostJsonAsync("/webhook", body);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"/webhook answered {(int)response.StatusCode}: {text}");
        }

        return JsonNode.Parse(text)!.AsObject();
    }
}
