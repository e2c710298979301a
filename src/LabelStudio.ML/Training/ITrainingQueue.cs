using System.Text.Json.Nodes;

namespace LabelStudio.ML;

/// <summary>
/// Where training events become jobs and jobs are run: the in-process <see cref="TrainingScheduler"/> (SQLite) or a
/// queue shared by several replicas (LabelStudio.ML.Redis). The webhook and the jobs API only talk to this.
/// </summary>
/// <remarks>Implementations are hosted services: the host starts and stops them with the server.</remarks>
internal interface ITrainingQueue
{
    /// <summary>How many jobs this process runs and holds waiting right now.</summary>
    (int Running, int Queued) Counts { get; }

    /// <summary>Queues a training event, folded into the project's queued job if there is one. Returns the job id.</summary>
    Task<string> EnqueueAsync(string action, string projectId, JsonObject data, string? labelConfig, CancellationToken cancellationToken);

    /// <summary>The job's current record, or <see langword="null"/>.</summary>
    Task<TrainingJob?> GetAsync(string id, CancellationToken cancellationToken);

    /// <summary>Jobs newest first, of one project or all.</summary>
    Task<IReadOnlyList<TrainingJob>> ListAsync(string? projectId, int limit, CancellationToken cancellationToken);

    /// <summary>Cancels a queued or running job. Returns the job as it is now, or <see langword="null"/> if there is no such job.</summary>
    Task<TrainingJob?> CancelAsync(string id, CancellationToken cancellationToken);
}
