using System.Collections.Concurrent;

namespace LabelStudio.ML;

/// <summary>
/// What <c>/ready</c> waits for besides the SDK's own checks: loads that must finish before this replica should get
/// traffic. A model that loads something large at start registers the loading task here; <c>/ready</c> answers 503
/// naming it until it completes, and keeps answering 503 with its error if it fails. The SDK tracks the first
/// warm-up of each project's model version (<see cref="LabelStudioModel.WarmUpAsync"/>) the same way.
/// </summary>
/// <example>
/// <code>
/// public sealed class Loader(MyEngine engine, BackendReadiness readiness) : IHostedService
/// {
///     public Task StartAsync(CancellationToken cancellationToken)
///     {
///         readiness.Track("ONNX model", engine.LoadAsync());
///         return Task.CompletedTask;
///     }
///
///     public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
/// }
/// </code>
/// </example>
public sealed class BackendReadiness
{
    private readonly ConcurrentDictionary<string, Task> _loads = new(StringComparer.Ordinal);

    /// <summary>
    /// Holds <c>/ready</c> at 503 until <paramref name="loading"/> completes successfully. A later call with the same
    /// <paramref name="name"/> replaces the earlier task (a retry of a failed load).
    /// </summary>
    /// <param name="name">What is loading, as <c>/ready</c> shows it: "ONNX model", "project 7 model version 3".</param>
    /// <param name="loading">The load.</param>
    public void Track(string name, Task loading)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(loading);
        _loads[name] = loading;
        // Finished loads are forgotten, so the set stays as small as what is loading now (failures stay, to be seen).
        _ = loading.ContinueWith(
            done => _loads.TryRemove(new KeyValuePair<string, Task>(name, done)),
            CancellationToken.None,
            TaskContinuationOptions.OnlyOnRanToCompletion | TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    /// <summary>Stops tracking <paramref name="name"/> (a load that failed and will not be retried may be dropped).</summary>
    /// <param name="name">The name given to <see cref="Track"/>.</param>
    public void Forget(string name) => _loads.TryRemove(name, out _);

    /// <summary>Why this replica is not ready yet because of a load, or <see langword="null"/> when every load is done.</summary>
    internal string? PendingReason()
    {
        foreach (var (name, task) in _loads)
        {
            if (task.IsFaulted || task.IsCanceled)
            {
                return $"loading {name} failed: {task.Exception?.GetBaseException().Message ?? "cancelled"}";
            }

            if (!task.IsCompleted)
            {
                return $"still loading {name}";
            }
        }

        return null;
    }
}
