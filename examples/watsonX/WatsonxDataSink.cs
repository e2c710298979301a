using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using LabelStudio.ML;
using LabelStudio.ML.Examples.Llm;

namespace WatsonX;

/// <summary>
/// Keeps a watsonx.data table in step with the project's annotations, fed by Label Studio's webhook: a created
/// annotation is inserted, an updated one replaced (delete, insert), deleted ones removed. One row per annotation:
/// its id, task id, project id, the task data and the result as JSON, and one text column per control of the label
/// config (choices joined by ", ", TextArea texts by new lines, other results as JSON). The table is created on the
/// first write when missing.
/// </summary>
public sealed class WatsonxDataSink(PrestoClient presto, IConfiguration configuration, ILogger<WatsonxDataSink> logger)
{
    private static readonly string[] FixedColumns = ["annotation_id", "task_id", "project_id", "task_data", "result"];

    // Stored JSON stays readable in the lakehouse (no \u0027 for quotes); SQL quoting is done by Literal.
    private static readonly JsonSerializerOptions Readable = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Runs the statements of one webhook event; returns what was done.</summary>
    /// <exception cref="AnswerException">The sink is not configured (503), the event is malformed (400), or Presto failed (502/503/504).</exception>
    public async Task<JsonObject> HandleAsync(JsonObject payload, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(payload);
        var action = payload["action"]?.GetValueKind() == JsonValueKind.String ? payload["action"]!.GetValue<string>() : null;
        var (settings, missing) = PrestoSettings.FromConfiguration(configuration);
        if (settings is null)
        {
            throw new AnswerException(503, $"The watsonx.data sink is not configured: {string.Join(", ", missing)} {(missing.Count == 1 ? "is" : "are")} not set.");
        }

        var statements = action switch
        {
            "ANNOTATION_CREATED" => Create(settings, payload).Append(Insert(settings, payload)).ToList(),
            "ANNOTATION_UPDATED" => [.. Create(settings, payload), Delete(settings, [AnnotationId(payload)]), Insert(settings, payload)],
            "ANNOTATIONS_DELETED" => [Delete(settings, DeletedIds(payload))],
            _ => [],
        };
        if (statements.Count == 0)
        {
            return new JsonObject { ["status"] = "ignored", ["action"] = action };
        }

        foreach (var sql in statements)
        {
            try
            {
                await presto.ExecuteAsync(settings, sql, cancellationToken);
            }
            catch (Exception ex) when (ProviderFailure.IsProviderFailure(ex))
            {
                throw ProviderFailure.ToAnswer(ex, $"watsonx.data (Presto at {settings.Server.GetLeftPart(UriPartial.Authority)})", $"{action} into {settings.QualifiedTable}", settings.Password);
            }
        }

        logger.LogInformation("{Action}: {Count} statements on {Table}", action, statements.Count, settings.QualifiedTable);
        return new JsonObject { ["status"] = "ok", ["action"] = action, ["statements"] = statements.Count };
    }

    private static IEnumerable<string> Create(PrestoSettings settings, JsonObject payload)
    {
        var columns = FixedColumns.Select(name => $"\"{name}\" {(name.EndsWith("_id", StringComparison.Ordinal) ? "BIGINT" : "VARCHAR")}")
            .Concat(Controls(payload).Select(control => $"\"{control.Column}\" VARCHAR"));
        yield return $"CREATE TABLE IF NOT EXISTS {settings.QualifiedTable} ({string.Join(", ", columns)})";
    }

    private static string Insert(PrestoSettings settings, JsonObject payload)
    {
        var annotation = payload["annotation"] as JsonObject ?? throw new AnswerException(400, "The webhook has no 'annotation' object.");
        var task = payload["task"] as JsonObject;
        var results = annotation["result"] as JsonArray ?? [];
        var controls = Controls(payload);
        var values = new List<string>
        {
            Integer(annotation["id"], "annotation.id"),
            Integer(annotation["task"] ?? task?["id"], "annotation.task"),
            Integer(ProjectId(payload, annotation), "project"),
            Literal(task?["data"]?.ToJsonString(Readable) ?? "{}"),
            Literal(results.ToJsonString(Readable)),
        };
        values.AddRange(controls.Select(control => Literal(Render(results.OfType<JsonObject>().Where(region => region["from_name"]?.GetValueKind() == JsonValueKind.String && region["from_name"]!.GetValue<string>() == control.Name).ToList()))));
        var columns = FixedColumns.Concat(controls.Select(control => control.Column)).Select(name => $"\"{name}\"");
        return $"INSERT INTO {settings.QualifiedTable} ({string.Join(", ", columns)}) VALUES ({string.Join(", ", values)})";
    }

    private static string Delete(PrestoSettings settings, IReadOnlyList<string> ids) =>
        ids.Count == 1
            ? $"DELETE FROM {settings.QualifiedTable} WHERE \"annotation_id\" = {ids[0]}"
            : $"DELETE FROM {settings.QualifiedTable} WHERE \"annotation_id\" IN ({string.Join(", ", ids)})";

    private static string AnnotationId(JsonObject payload) => Integer(payload["annotation"]?["id"], "annotation.id");

    private static List<string> DeletedIds(JsonObject payload)
    {
        var ids = (payload["annotations"] as JsonArray ?? []).Select(item => Integer(item is JsonObject entry ? entry["id"] : item, "annotations[].id")).ToList();
        return ids.Count > 0 ? ids : throw new AnswerException(400, "ANNOTATIONS_DELETED without annotation ids.");
    }

    private static JsonNode? ProjectId(JsonObject payload, JsonObject annotation) =>
        annotation["project"] ?? (payload["project"] is JsonObject project ? project["id"] : payload["project"]);

    /// <summary>The label config's controls (from the webhook's project), each with its column name.</summary>
    private static List<(string Name, string Column)> Controls(JsonObject payload)
    {
        if (payload["project"]?["label_config"] is not JsonValue xml || xml.GetValueKind() != JsonValueKind.String)
        {
            return [];
        }

        var taken = new HashSet<string>(FixedColumns, StringComparer.Ordinal);
        var controls = new List<(string, string)>();
        foreach (var control in LabelConfig.Parse(xml.GetValue<string>()).Controls)
        {
            var column = new string([.. control.Name.ToLowerInvariant().Select(character => char.IsAsciiLetterOrDigit(character) ? character : '_')]);
            while (!taken.Add(column))
            {
                column += "_value";
            }

            controls.Add((control.Name, column));
        }

        return controls;
    }

    private static string Render(List<JsonObject> regions)
    {
        var values = regions.Select(region => region["value"] as JsonObject ?? []).ToList();
        if (values.Count > 0 && values.All(value => value["choices"] is JsonArray))
        {
            return string.Join(", ", values.SelectMany(value => value["choices"]!.AsArray()).Select(choice => choice?.ToString()));
        }

        if (values.Count > 0 && values.All(value => value["text"] is JsonArray && value.Count == 1))
        {
            return string.Join("\n", values.SelectMany(value => value["text"]!.AsArray()).Select(text => text?.ToString()));
        }

        return values.Count == 0 ? "" : new JsonArray([.. values.Select(value => value.DeepClone())]).ToJsonString(Readable);
    }

    private static string Integer(JsonNode? node, string field) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.Number && value.TryGetValue<long>(out var number)
            ? number.ToString(CultureInfo.InvariantCulture)
            : node is JsonValue text && text.GetValueKind() == JsonValueKind.String && long.TryParse(text.GetValue<string>(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed)
                ? parsed.ToString(CultureInfo.InvariantCulture)
                : throw new AnswerException(400, $"The webhook's {field} is not a whole number.");

    /// <summary>A SQL string literal: quotes doubled.</summary>
    private static string Literal(string text) => new StringBuilder("'").Append(text.Replace("'", "''", StringComparison.Ordinal)).Append('\'').ToString();
}
