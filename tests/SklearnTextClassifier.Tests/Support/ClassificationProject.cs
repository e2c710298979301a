using System.Net.Http.Json;
using System.Text.Json.Nodes;
using LabelStudio.ML.Testing;

namespace SklearnTextClassifier.Tests.Support;

/// <summary>A Choices → Text project as Label Studio describes it in requests and webhooks.</summary>
internal static class ClassificationProject
{
    public const long Id = 7;

    public const string Project = "7.1712586036";

    /// <summary>A config offering <paramref name="choices"/> (by default the corpus topics).</summary>
    public static string LabelConfig(params string[] choices) =>
        "<View>\n  <Text name=\"text\" value=\"$text\"/>\n  <Choices name=\"topic\" toName=\"text\" choice=\"single\">\n" +
        string.Concat((choices.Length == 0 ? TopicCorpus.Topics : choices).Select(choice => $"    <Choice value=\"{choice}\"/>\n")) +
        "  </Choices>\n</View>";

    public static JsonObject Task(long id, string text) => new() { ["id"] = id, ["data"] = new JsonObject { ["text"] = text } };

    /// <summary>An annotation as Label Studio stores it: one <c>choices</c> region (none when <paramref name="choice"/> is null).</summary>
    public static JsonObject Annotation(long id, string? choice, bool cancelled = false) => new()
    {
        ["id"] = id,
        ["result"] = choice is null
            ? new JsonArray()
            : new JsonArray(new JsonObject
            {
                ["value"] = new JsonObject { ["choices"] = new JsonArray(choice) },
                ["id"] = $"r{id}",
                ["from_name"] = "topic",
                ["to_name"] = "text",
                ["type"] = "choices",
                ["origin"] = "manual",
            }),
        ["was_cancelled"] = cancelled,
        ["project"] = Id,
    };

    /// <summary>A task of the project as <c>/api/tasks</c> lists it, with its annotations.</summary>
    public static JsonObject ListedTask(long id, string text, params JsonObject[] annotations)
    {
        var task = Task(id, text);
        task["project"] = Id;
        task["annotations"] = new JsonArray([.. annotations]);
        return task;
    }

    public static JsonObject ProjectRecord(string labelConfig) => new() { ["id"] = Id, ["title"] = "Topics", ["label_config"] = labelConfig };

    /// <summary>The body of an annotation webhook.</summary>
    public static JsonObject AnnotationEvent(string action, long taskId, string text, JsonObject annotation, string labelConfig) => new()
    {
        ["action"] = action,
        ["annotation"] = annotation,
        ["task"] = Task(taskId, text),
        ["project"] = ProjectRecord(labelConfig),
    };

    public static JsonObject AnnotationsDeleted(string labelConfig, params long[] ids) => new()
    {
        ["action"] = "ANNOTATIONS_DELETED",
        ["annotations"] = new JsonArray([.. ids.Select(id => (JsonNode)new JsonObject { ["id"] = id })]),
        ["project"] = ProjectRecord(labelConfig),
    };

    public static JsonObject StartTraining(string labelConfig) => new() { ["action"] = "START_TRAINING", ["project"] = ProjectRecord(labelConfig) };

    /// <summary>Posts a webhook and returns the answer (sync mode: <c>{"result": …, "status": "ok"}</c>).</summary>
    public static async Task<JsonObject> WebhookAsync(TestBackend backend, JsonObject body)
    {
        using var response = await backend.PostJsonAsync("/webhook", body);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"/webhook answered {(int)response.StatusCode}: {text}");
        }

        return JsonNode.Parse(text)!.AsObject();
    }

    /// <summary>Predicts <paramref name="texts"/> and returns (choice or null, score) for each.</summary>
    public static async Task<List<(string? Choice, double Score)>> PredictAsync(TestBackend backend, string labelConfig, IReadOnlyList<string> texts, long firstId = 1)
    {
        var results = await backend.PredictAsync(labelConfig, texts.Select((text, i) => Task(firstId + i, text)), project: Project);
        return [.. results.Select(prediction =>
        {
            var regions = prediction!["result"]!.AsArray();
            var choice = regions.Count == 0 ? null : regions[0]!["value"]!["choices"]![0]!.GetValue<string>();
            return (choice, prediction["score"]!.GetValue<double>());
        })];
    }

    public static Task<JsonObject?> GetJobAsync(TestBackend backend, string id) => backend.Client.GetFromJsonAsync<JsonObject>($"/jobs/{id}");
}
