using System.Diagnostics;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LabelStudio.ML;

/// <summary>
/// Runs training events as background jobs: one job at a time per project, up to <c>TRAINING_MAX_PARALLEL</c>
/// projects at once; events that arrive while a project's job is queued fold into it; every job and event is
/// persisted first, so a killed process resumes (or fails, by configuration) what it left behind.
/// </summary>
internal sealed class TrainingScheduler : BackgroundService, ITrainingQueue
{
    private readonly SqliteTrainingJobStore _jobs;
    private readonly IServiceScopeFactory _scopes;
    private readonly ModelFactory _models;
    private readonly IStateStore _state;
    private readonly LabelStudioMLOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly BackendMetrics _metrics;
    private readonly Lock _lock = new();
    private readonly List<PendingJob> _queue = [];
    private readonly Dictionary<string, RunningJob> _running = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _wake = new(0);
    private readonly CancellationTokenSource _shutdown = new();

    public TrainingScheduler(
        SqliteTrainingJobStore jobs,
        IServiceScopeFactory scopes,
        ModelFactory models,
        IStateStore state,
        IOptions<LabelStudioMLOptions> options,
        TimeProvider time,
        BackendMetrics metrics,
        ILogger<TrainingScheduler> logger)
    {
        _metrics = metrics;
        _jobs = jobs;
        _scopes = scopes;
        _models = models;
        _state = state;
        _options = options.Value;
        _time = time;
        _logger = logger;
    }

    /// <summary>How many jobs run and wait right now.</summary>
    public (int Running, int Queued) Counts
    {
        get
        {
            lock (_lock)
            {
                return (_running.Count, _queue.Count);
            }
        }
    }

    /// <summary>Queues a training event: folded into the project's queued job if there is one, else a new job. Returns the job id.</summary>
    public string Enqueue(string action, string projectId, JsonObject data, string? labelConfig)
    {
        var queued = new QueuedTrainingEvent(action, data);
        string id;
        lock (_lock)
        {
            var now = _time.GetUtcNow();
            var pending = _queue.FindLast(job => job.Job.ProjectId == projectId);
            if (pending is not null)
            {
                _jobs.Fold(pending.Job.Id, pending.Job.Actions.Count, queued, labelConfig, now);
                pending.Job = pending.Job with { LastEventAt = now, Actions = [.. pending.Job.Actions, action] };
                Log.JobFolded(_logger, action, pending.Job.Id, projectId, pending.Job.Actions.Count);
                id = pending.Job.Id;
            }
            else
            {
                var job = new TrainingJob
                {
                    Id = Guid.NewGuid().ToString("N"),
                    ProjectId = projectId,
                    State = TrainingJobState.Queued,
                    Actions = [action],
                    CreatedAt = now,
                    LastEventAt = now,
                };
                _jobs.Create(job, labelConfig, queued);
                _queue.Add(new PendingJob(job));
                Log.JobQueued(_logger, job.Id, projectId, action);
                id = job.Id;
            }
        }

        _wake.Release();
        return id;
    }

    /// <summary>The job's current record: from memory while it is queued or running, else from the store.</summary>
    public TrainingJob? Get(string id)
    {
        lock (_lock)
        {
            var live = _queue.Find(p => p.Job.Id == id)?.Job ?? _running.Values.FirstOrDefault(r => r.Job.Id == id)?.Job;
            if (live is not null)
            {
                return live;
            }
        }

        return _jobs.Get(id);
    }

    /// <summary>Jobs newest first, of one project or all.</summary>
    public IReadOnlyList<TrainingJob> List(string? projectId, int limit)
    {
        var stored = _jobs.List(projectId, limit);
        lock (_lock)
        {
            // In-memory records carry progress and folded events not yet re-read from the store.
            return [.. stored.Select(job => _queue.Find(p => p.Job.Id == job.Id)?.Job ?? _running.Values.FirstOrDefault(r => r.Job.Id == job.Id)?.Job ?? job)];
        }
    }

    Task<string> ITrainingQueue.EnqueueAsync(string action, string projectId, JsonObject data, string? labelConfig, CancellationToken cancellationToken) =>
        Task.FromResult(Enqueue(action, projectId, data, labelConfig));

    Task<TrainingJob?> ITrainingQueue.GetAsync(string id, CancellationToken cancellationToken) => Task.FromResult(Get(id));

    Task<IReadOnlyList<TrainingJob>> ITrainingQueue.ListAsync(string? projectId, int limit, CancellationToken cancellationToken) =>
        Task.FromResult(List(projectId, limit));

    Task<TrainingJob?> ITrainingQueue.CancelAsync(string id, CancellationToken cancellationToken) => Task.FromResult(Cancel(id));

    /// <summary>Cancels a queued or running job. Returns the job as it is now, or <see langword="null"/> if there is no such job.</summary>
    public TrainingJob? Cancel(string id)
    {
        lock (_lock)
        {
            var pending = _queue.Find(p => p.Job.Id == id);
            if (pending is not null)
            {
                _queue.Remove(pending);
                var cancelled = pending.Job with { State = TrainingJobState.Cancelled, FinishedAt = _time.GetUtcNow(), Error = "Cancelled before it started." };
                _jobs.Update(cancelled);
                Log.JobCancelled(_logger, id, cancelled.ProjectId);
                return cancelled;
            }

            var running = _running.Values.FirstOrDefault(r => r.Job.Id == id);
            if (running is not null)
            {
                running.CancelRequested = true;
                running.Cancel.Cancel();
                return running.Job;
            }
        }

        return _jobs.Get(id);
    }

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        var drafts = ArtifactStore.RemoveAbandonedDrafts(_options.ModelDir);
        if (drafts > 0)
        {
            Log.DraftsRemoved(_logger, drafts);
        }

        foreach (var job in _jobs.Unfinished())
        {
            if (job.State == TrainingJobState.Running && !_options.RequeueInterruptedJobs)
            {
                _jobs.Update(job with
                {
                    State = TrainingJobState.Failed,
                    FinishedAt = _time.GetUtcNow(),
                    Error = "Interrupted: the server stopped while the job ran (TRAINING_INTERRUPTED_JOBS=fail).",
                });
                Log.JobInterrupted(_logger, job.Id, job.ProjectId, "marked failed");
                continue;
            }

            var resumed = job.State == TrainingJobState.Running
                ? job with { State = TrainingJobState.Queued, Error = "Interrupted: the server stopped while the job ran; re-queued.", Progress = null, ProgressMessage = null }
                : job;
            if (job.State == TrainingJobState.Running)
            {
                _jobs.Update(resumed);
                Log.JobInterrupted(_logger, job.Id, job.ProjectId, "re-queued");
            }

            lock (_lock)
            {
                // Resumed jobs start without waiting for the debounce window: their events are old.
                _queue.Add(new PendingJob(resumed with { LastEventAt = DateTimeOffset.MinValue }));
            }
        }

        return base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        Task[] running;
        lock (_lock)
        {
            running = [.. _running.Values.Select(r => r.Task)];
        }

        // Out of time, the jobs are cancelled and go back to the queue on disk, to run again at the next start.
        await TrainingOutcomes.DrainAsync(running, _options.TrainingShutdownTimeout, _shutdown, _logger).ConfigureAwait(false);
    }

    public override void Dispose()
    {
        _shutdown.Dispose();
        _wake.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            TimeSpan wait;
            lock (_lock)
            {
                wait = StartDueJobs();
            }

            try
            {
                await _wake.WaitAsync(wait, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    /// <summary>Starts every job that may start now; returns how long until the next one may.</summary>
    private TimeSpan StartDueJobs()
    {
        var now = _time.GetUtcNow();
        var wait = Timeout.InfiniteTimeSpan;
        foreach (var pending in _queue.ToList())
        {
            if (_running.Count >= _options.TrainingMaxParallel)
            {
                break;
            }

            var project = pending.Job.ProjectId;
            if (_running.ContainsKey(project) || _queue.Find(p => p.Job.ProjectId == project) != pending)
            {
                continue;
            }

            var due = pending.Job.LastEventAt == DateTimeOffset.MinValue ? now : pending.Job.LastEventAt + _options.TrainingDebounce;
            if (due > now)
            {
                var remaining = due - now;
                wait = wait == Timeout.InfiniteTimeSpan || remaining < wait ? remaining : wait;
                continue;
            }

            _queue.Remove(pending);
            var job = pending.Job with
            {
                State = TrainingJobState.Running,
                StartedAt = now,
                Attempts = pending.Job.Attempts + 1,
            };
            _jobs.Update(job);
            var running = new RunningJob(job);
            _running[project] = running;
            running.Task = Task.Run(() => RunAsync(running));
        }

        return wait;
    }

    private async Task RunAsync(RunningJob running)
    {
        var job = running.Job;
        var started = Stopwatch.GetTimestamp();
        Log.JobStarted(_logger, job.Id, job.ProjectId, job.Actions.Count, job.Attempts);
        using var timeout = _options.TrainingJobTimeout > TimeSpan.Zero ? new CancellationTokenSource(_options.TrainingJobTimeout, _time) : new CancellationTokenSource();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(running.Cancel.Token, timeout.Token, _shutdown.Token);
        TrainingJob finished;
        try
        {
            var result = await FitAsync(running, linked.Token).ConfigureAwait(false);
            finished = TrainingOutcomes.Succeeded(Current(running), _time.GetUtcNow(), _state.Get(job.ProjectId, StateKeys.ModelVersion), result);
        }
        catch (OperationCanceledException) when (running.CancelRequested)
        {
            finished = TrainingOutcomes.Cancelled(Current(running), _time.GetUtcNow());
        }
        catch (OperationCanceledException) when (_shutdown.IsCancellationRequested)
        {
            finished = TrainingOutcomes.Requeued(Current(running), "for the next start");
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            finished = TrainingOutcomes.TimedOut(Current(running), _time.GetUtcNow(), _options.TrainingJobTimeout);
        }
#pragma warning disable CA1031 // A failing fit must fail its job, never the scheduler.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Log.JobFailed(_logger, ex, job.Id, job.ProjectId);
            finished = TrainingOutcomes.Failed(Current(running), _time.GetUtcNow(), ex);
        }

        _jobs.Update(finished);
        lock (_lock)
        {
            _running.Remove(job.ProjectId);
            running.Cancel.Dispose();
        }

        var elapsed = Stopwatch.GetElapsedTime(started);
        _metrics.JobFinished(finished.State, elapsed);
        Log.JobEnded(_logger, job.Id, job.ProjectId, finished.State.ToString().ToLowerInvariant(), elapsed.TotalSeconds, finished.ModelVersionAfter ?? "-");
        _wake.Release();
    }

    private Task<string?> FitAsync(RunningJob running, CancellationToken cancellationToken)
    {
        var (events, labelConfig) = _jobs.Payload(running.Job.Id);
        return TrainingFit.RunAsync(
            _scopes,
            _logger,
            _models,
            running.Job,
            events,
            labelConfig,
            versionBefore =>
            {
                lock (_lock)
                {
                    running.Job = running.Job with { ModelVersionBefore = versionBefore };
                }
            },
            (fraction, message) => Progress(running, fraction, message),
            cancellationToken);
    }

    private void Progress(RunningJob running, double fraction, string? message)
    {
        TrainingJob job;
        lock (_lock)
        {
            running.Job = running.Job with { Progress = fraction, ProgressMessage = message };
            job = running.Job;
        }

        _jobs.Update(job);
        Log.JobProgress(_logger, job.Id, job.ProjectId, fraction * 100, message ?? string.Empty);
    }

    private TrainingJob Current(RunningJob running)
    {
        lock (_lock)
        {
            return running.Job;
        }
    }

    private sealed class PendingJob(TrainingJob job)
    {
        public TrainingJob Job { get; set; } = job;
    }

    private sealed class RunningJob(TrainingJob job)
    {
        public TrainingJob Job { get; set; } = job;

        public CancellationTokenSource Cancel { get; } = new();

        public bool CancelRequested { get; set; }

        public Task Task { get; set; } = Task.CompletedTask;
    }
}
