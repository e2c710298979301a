using Microsoft.Extensions.Logging;

namespace LabelStudio.ML;

/// <summary>How a training job ends, the same for every queue (one process on SQLite, replicas on Redis).</summary>
internal static class TrainingOutcomes
{
    public static TrainingJob Succeeded(TrainingJob job, DateTimeOffset now, string? modelVersion, string? result) =>
        job with { State = TrainingJobState.Succeeded, FinishedAt = now, ModelVersionAfter = modelVersion, Result = result, Error = null };

    public static TrainingJob Cancelled(TrainingJob job, DateTimeOffset now) =>
        job with { State = TrainingJobState.Cancelled, FinishedAt = now, Error = "Cancelled while running (DELETE /jobs/{id})." };

    /// <summary>A shutdown interrupted the job: back to the queue, to run again <paramref name="where"/>.</summary>
    public static TrainingJob Requeued(TrainingJob job, string where) =>
        job with { State = TrainingJobState.Queued, Error = $"Interrupted by a shutdown; re-queued {where}.", Progress = null, ProgressMessage = null };

    public static TrainingJob TimedOut(TrainingJob job, DateTimeOffset now, TimeSpan limit) =>
        job with { State = TrainingJobState.Failed, FinishedAt = now, Error = $"Timed out after {limit.TotalSeconds:0} s (TRAINING_JOB_TIMEOUT_SECONDS)." };

    public static TrainingJob Failed(TrainingJob job, DateTimeOffset now, Exception exception) =>
        job with { State = TrainingJobState.Failed, FinishedAt = now, Error = $"{exception.GetType().Name}: {exception.Message}" };

    /// <summary>
    /// On a graceful stop: lets <paramref name="running"/> jobs finish for <paramref name="limit"/>, then cancels them
    /// through <paramref name="shutdown"/> (their queue puts them back) and waits a few seconds more for them to notice.
    /// </summary>
    public static async Task DrainAsync(Task[] running, TimeSpan limit, CancellationTokenSource shutdown, ILogger logger)
    {
        if (running.Length == 0)
        {
            return;
        }

        Log.WaitingForJobs(logger, running.Length, limit.TotalSeconds);
        var all = Task.WhenAll(running);
        if (await Task.WhenAny(all, Task.Delay(limit, CancellationToken.None)).ConfigureAwait(false) != all)
        {
            await shutdown.CancelAsync().ConfigureAwait(false);
            await Task.WhenAny(all, Task.Delay(TimeSpan.FromSeconds(5), CancellationToken.None)).ConfigureAwait(false);
        }
    }
}
