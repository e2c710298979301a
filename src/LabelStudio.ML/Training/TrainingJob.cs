namespace LabelStudio.ML;

/// <summary>The status of a training job, as <c>GET /jobs/{id}</c> shows it.</summary>
public sealed record TrainingJob
{
    /// <summary>The job id the webhook answered.</summary>
    public required string Id { get; init; }

    /// <summary>The project the job trains.</summary>
    public required string ProjectId { get; init; }

    /// <summary>Where the job is.</summary>
    public required TrainingJobState State { get; init; }

    /// <summary>The event names folded into the job, in arrival order.</summary>
    public required IReadOnlyList<string> Actions { get; init; }

    /// <summary>When the first event arrived.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>When the latest event was folded in.</summary>
    public required DateTimeOffset LastEventAt { get; init; }

    /// <summary>When <c>FitAsync</c> last started.</summary>
    public DateTimeOffset? StartedAt { get; init; }

    /// <summary>When the job ended.</summary>
    public DateTimeOffset? FinishedAt { get; init; }

    /// <summary>How often the job started (more than 1 after an interrupted run was re-queued).</summary>
    public int Attempts { get; init; }

    /// <summary>Why the job failed or was cancelled.</summary>
    public string? Error { get; init; }

    /// <summary>The project's model version when the job started.</summary>
    public string? ModelVersionBefore { get; init; }

    /// <summary>The project's model version when the job ended: a new one if the fit produced a model.</summary>
    public string? ModelVersionAfter { get; init; }

    /// <summary>The last progress the model reported (0 to 1).</summary>
    public double? Progress { get; init; }

    /// <summary>The note of the last progress report.</summary>
    public string? ProgressMessage { get; init; }

    /// <summary>The replica that ran the job last (<c>CACHE_TYPE=redis</c>: host name and process id); <see langword="null"/> in a single process.</summary>
    public string? Replica { get; init; }

    /// <summary>What <c>FitAsync</c> returned, as JSON text.</summary>
    public string? Result { get; init; }
}
