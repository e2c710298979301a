using System.Globalization;
using StackExchange.Redis;

namespace LabelStudio.ML.Redis;

/// <summary>
/// A training job's record on Redis: the hash <c>job:&lt;id&gt;</c> (an empty field means none) and the list
/// <c>job:&lt;id&gt;:actions</c>, read into the <see cref="TrainingJob"/> the jobs API shows.
/// </summary>
internal static class RedisJobRecords
{
    /// <summary>How long an ended job stays readable through <c>GET /jobs</c>.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromDays(30);

    public static TrainingJob? Read(HashEntry[] fields, RedisValue[] actions)
    {
        if (fields.Length == 0)
        {
            return null;
        }

        var values = fields.ToDictionary(field => field.Name.ToString(), field => field.Value.ToString(), StringComparer.Ordinal);
        string? Text(string name) => values.TryGetValue(name, out var value) && value.Length > 0 ? value : null;
        DateTimeOffset? Time(string name) => Text(name) is { } text
            ? DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal)
            : null;

        return new TrainingJob
        {
            Id = values["id"],
            ProjectId = values["project"],
            State = Enum.Parse<TrainingJobState>(values["state"], ignoreCase: true),
            Actions = [.. actions.Select(action => action.ToString())],
            CreatedAt = Time("created_at") ?? DateTimeOffset.MinValue,
            LastEventAt = Time("last_event_at") ?? DateTimeOffset.MinValue,
            StartedAt = Time("started_at"),
            FinishedAt = Time("finished_at"),
            Attempts = Text("attempts") is { } attempts ? int.Parse(attempts, CultureInfo.InvariantCulture) : 0,
            Error = Text("error"),
            ModelVersionBefore = Text("version_before"),
            ModelVersionAfter = Text("version_after"),
            Progress = Text("progress") is { } progress ? double.Parse(progress, CultureInfo.InvariantCulture) : null,
            ProgressMessage = Text("progress_message"),
            Replica = Text("replica"),
            Result = Text("result"),
        };
    }

    /// <summary>The fields that end a job (or put it back in the queue), empty text for none.</summary>
    public static RedisValue[] EndFields(TrainingJob job) =>
    [
        "state", job.State.ToString().ToLowerInvariant(),
        "finished_at", Iso(job.FinishedAt),
        "error", job.Error ?? string.Empty,
        "version_before", job.ModelVersionBefore ?? string.Empty,
        "version_after", job.ModelVersionAfter ?? string.Empty,
        "progress", job.Progress is { } progress ? progress.ToString("R", CultureInfo.InvariantCulture) : string.Empty,
        "progress_message", job.ProgressMessage ?? string.Empty,
        "result", job.Result ?? string.Empty,
    ];

    public static string Iso(DateTimeOffset? time) => time?.UtcDateTime.ToString("O", CultureInfo.InvariantCulture) ?? string.Empty;
}
