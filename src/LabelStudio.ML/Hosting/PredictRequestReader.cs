using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace LabelStudio.ML;

/// <summary>Turns a <c>/predict</c> body into a <see cref="PredictRequest"/> (SPEC §2.3 steps 1–2).</summary>
internal static class PredictRequestReader
{
    public static PredictRequest Read(JsonObject body)
    {
        var rawTasks = body["tasks"];
        var tasks = rawTasks switch
        {
            null => [],
            JsonArray array => ReadTasks(array),
            // Label Studio always sends an array; a lone task object (as some hand-written clients send) is one task.
            JsonObject single => [new LabelStudioTask(single)],
            var other => throw new AnswerException(StatusCodes.Status400BadRequest, $"Field 'tasks' must be an array of task objects, got {JsonBody.DescribeKind(other)}."),
        };

        // Absent or null params count as {} (SPEC §13 QUIRK-3); context is then {} (absent key) rather than null.
        var parameters = body["params"] switch
        {
            null => [],
            JsonObject given => given,
            var other => throw new AnswerException(StatusCodes.Status400BadRequest, $"Field 'params' must be an object, got {JsonBody.DescribeKind(other)}."),
        };

        JsonObject? context;
        if (parameters.TryGetPropertyValue("context", out var contextNode))
        {
            context = contextNode switch
            {
                null => null,
                JsonObject given => given,
                var other => throw new AnswerException(StatusCodes.Status400BadRequest, $"Field 'params.context' must be an object or null, got {JsonBody.DescribeKind(other)}."),
            };
        }
        else
        {
            context = [];
        }

        var extras = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        foreach (var (key, value) in parameters)
        {
            if (key != "context")
            {
                extras[key] = value;
            }
        }

        return new PredictRequest(rawTasks, tasks, context, extras);
    }

    private static List<LabelStudioTask> ReadTasks(JsonArray array)
    {
        var tasks = new List<LabelStudioTask>(array.Count);
        for (var i = 0; i < array.Count; i++)
        {
            tasks.Add(array[i] is JsonObject task
                ? new LabelStudioTask(task)
                : throw new AnswerException(StatusCodes.Status400BadRequest, $"tasks[{i}] must be a task object, got {JsonBody.DescribeKind(array[i])}."));
        }

        return tasks;
    }
}
