using System.Globalization;
using System.Text.Json.Nodes;

namespace LabelStudio.ML;

/// <summary>A training job as the jobs API writes it (snake_case, times in ISO 8601 UTC).</summary>
internal static class TrainingJobJson
{
    public static JsonObject Write(TrainingJob job)
    {
        var actions = new JsonObject();
        foreach (var group in job.Actions.GroupBy(action => action, StringComparer.Ordinal))
        {
            actions[group.Key] = group.Count();
        }

        var json = new JsonObject
        {
            ["id"] = job.Id,
            ["project"] = job.ProjectId,
            ["state"] = job.State.ToString().ToLowerInvariant(),
            ["events_folded"] = job.Actions.Count,
            ["actions"] = actions,
            ["created_at"] = Time(job.CreatedAt),
            ["last_event_at"] = job.LastEventAt == DateTimeOffset.MinValue ? null : Time(job.LastEventAt),
            ["started_at"] = Time(job.StartedAt),
            ["finished_at"] = Time(job.FinishedAt),
            ["duration_seconds"] = job is { StartedAt: { } started, FinishedAt: { } finished } ? Math.Round((finished - started).TotalSeconds, 3) : null,
            ["attempts"] = job.Attempts,
            ["error"] = job.Error,
            ["model_version_before"] = job.ModelVersionBefore,
            ["model_version_after"] = job.ModelVersionAfter,
            ["progress"] = job.Progress,
            ["progress_message"] = job.ProgressMessage,
            ["result"] = job.Result is null ? null : JsonNode.Parse(job.Result),
        };
        if (job.Replica is not null)
        {
            // Only replicas sharing a queue name the one that ran the job.
            json["replica"] = job.Replica;
        }

        return json;
    }

    private static string? Time(DateTimeOffset? time) => time?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
