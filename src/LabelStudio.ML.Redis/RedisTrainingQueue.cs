using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace LabelStudio.ML.Redis;

/// <summary>
/// The training queue every replica shares. A webhook on any replica folds its event into the project's queued job
/// or creates one and adds it to the stream <c>training</c>; replicas read the stream as consumers of one group,
/// and a replica runs a job only while it holds the project's lock, a lease it renews while the fit runs. A replica
/// that dies stops renewing: after the lease, another replica claims its stream entry and runs the job again.
/// </summary>
internal sealed class RedisTrainingQueue : BackgroundService, ITrainingQueue
{
    private const string Group = "trainers";
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(500);

    private readonly RedisConnection _redis;
    private readonly RedisSettings _settings;
    private readonly IServiceScopeFactory _scopes;
    private readonly ModelFactory _models;
    private readonly LabelStudioMLOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly BackendMetrics _metrics;
    private readonly Lock _lock = new();
    private readonly List<HeldEntry> _held = [];
    private readonly SemaphoreSlim _wake = new(0);
    private readonly CancellationTokenSource _shutdown = new();
    private long _lastRefresh;
    private bool _down;

    public RedisTrainingQueue(
        RedisConnection redis,
        RedisSettings settings,
        IServiceScopeFactory scopes,
        ModelFactory models,
        IOptions<LabelStudioMLOptions> options,
        TimeProvider time,
        BackendMetrics metrics,
        ILogger<RedisTrainingQueue> logger)
    {
        _metrics = metrics;
        _redis = redis;
        _settings = settings;
        _scopes = scopes;
        _models = models;
        _options = options.Value;
        _time = time;
        _logger = logger;
    }

    public (int Running, int Queued) Counts
    {
        get
        {
            lock (_lock)
            {
                var running = _held.Count(entry => entry.Running is not null);
                return (running, _held.Count - running);
            }
        }
    }

    private RedisKey Stream => _redis.Key("training");

    private string Prefix => _redis.Prefix;

    public async Task<string> EnqueueAsync(string action, string projectId, JsonObject data, string? labelConfig, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var queued = new JsonObject { ["action"] = action, ["data"] = data.DeepClone() }.ToJsonString();
        var answer = (RedisResult[])(await _redis.RunAsync(db => db.ScriptEvaluateAsync(RedisJobScripts.Enqueue, values:
        [
            Prefix, projectId, Guid.NewGuid().ToString("N"), action, queued, labelConfig ?? string.Empty,
            now.ToUnixTimeMilliseconds(), RedisJobRecords.Iso(now),
        ])).ConfigureAwait(false))!;
        var id = (string)answer[0]!;
        if ((string?)answer[1] == "queued")
        {
            Log.JobQueued(_logger, id, projectId, action);
            Publish("training:wake", id);
        }
        else
        {
            Log.JobFolded(_logger, action, id, projectId, (int)answer[2]);
        }

        return id;
    }

    public Task<TrainingJob?> GetAsync(string id, CancellationToken cancellationToken) => _redis.RunAsync(db => ReadJobAsync(db, id));

    public Task<IReadOnlyList<TrainingJob>> ListAsync(string? projectId, int limit, CancellationToken cancellationToken) => _redis.RunAsync(async db =>
    {
        var index = _redis.Key(projectId is null ? "jobs" : "jobs:" + projectId);
        var ids = await db.SortedSetRangeByRankAsync(index, 0, limit - 1, Order.Descending).ConfigureAwait(false);
        var jobs = new List<TrainingJob>(ids.Length);
        foreach (var id in ids)
        {
            // Ended jobs expire after the retention time; their ids may still be in the index for a while.
            if (await ReadJobAsync(db, id.ToString()).ConfigureAwait(false) is { } job)
            {
                jobs.Add(job);
            }
        }

        return (IReadOnlyList<TrainingJob>)jobs;
    });

    public async Task<TrainingJob?> CancelAsync(string id, CancellationToken cancellationToken)
    {
        var before = (string?)await _redis.RunAsync(db => db.ScriptEvaluateAsync(RedisJobScripts.Cancel, values: [Prefix, id, RedisJobRecords.Iso(_time.GetUtcNow())])).ConfigureAwait(false);
        switch (before)
        {
            case "missing":
                return null;
            case "queued":
                var cancelled = await GetAsync(id, cancellationToken).ConfigureAwait(false);
                Log.JobCancelled(_logger, id, cancelled?.ProjectId ?? "?");
                return cancelled;
            case "running":
                // Whichever replica runs it stops it; this one may be it.
                CancelLocal(id);
                Publish("training:cancel", id);
                break;
        }

        return await GetAsync(id, cancellationToken).ConfigureAwait(false);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        Task[] running;
        lock (_lock)
        {
            running = [.. _held.Where(entry => entry.Running is not null).Select(entry => entry.Running!.Task)];
        }

        // Out of time, the jobs are cancelled and go back to the stream for another replica.
        await TrainingOutcomes.DrainAsync(running, _options.TrainingShutdownTimeout, _shutdown, _logger).ConfigureAwait(false);

        // Jobs this replica held but had not started go back to the stream at once, not after the lease.
        HeldEntry[] waiting;
        lock (_lock)
        {
            waiting = [.. _held.Where(entry => entry.Running is null)];
        }

        foreach (var entry in waiting)
        {
            await HandBackAsync(entry).ConfigureAwait(false);
        }
    }

    public override void Dispose()
    {
        _shutdown.Dispose();
        _wake.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        Subscribe();
        var groupReady = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            var wait = Poll;
            try
            {
                if (!groupReady)
                {
                    await CreateGroupAsync().ConfigureAwait(false);
                    groupReady = true;
                }

                await RefreshHeldAsync().ConfigureAwait(false);
                await ReadEntriesAsync().ConfigureAwait(false);
                wait = await StartDueJobsAsync().ConfigureAwait(false);
                if (_down)
                {
                    _down = false;
                    RedisLog.Recovered(_logger, _redis.Address);
                }
            }
            catch (RedisServerException ex) when (ex.Message.StartsWith("NOGROUP", StringComparison.Ordinal))
            {
                // Redis came back without its data (no persistence): the stream and what this replica held are gone.
                groupReady = false;
                lock (_lock)
                {
                    _held.RemoveAll(entry => entry.Running is null);
                }

                wait = TimeSpan.Zero;
            }
            catch (Exception ex) when (RedisConnection.IsUnavailable(ex) || ex is StateStoreUnavailableException)
            {
                if (!_down)
                {
                    _down = true;
                    RedisLog.Unavailable(_logger, _redis.Address, ex.Message);
                }

                wait = TimeSpan.FromSeconds(1);
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

    private void Subscribe()
    {
        try
        {
            _redis.Subscriber.Subscribe(_redis.Channel("training:wake"), (_, _) => Wake());
            _redis.Subscriber.Subscribe(_redis.Channel("training:cancel"), (_, id) => CancelLocal(id.ToString()));
        }
        catch (Exception ex) when (RedisConnection.IsUnavailable(ex))
        {
            // The poll still finds new jobs; a cancellation reaches the replica running it once subscribed again.
            RedisLog.Unavailable(_logger, _redis.Address, ex.Message);
        }
    }

    private async Task CreateGroupAsync()
    {
        try
        {
            await _redis.Database.StreamCreateConsumerGroupAsync(Stream, Group, "0", createStream: true).ConfigureAwait(false);
        }
        catch (RedisServerException ex) when (ex.Message.StartsWith("BUSYGROUP", StringComparison.Ordinal))
        {
            // Another replica created it first.
        }
    }

    /// <summary>Tells the group this replica is alive: the entries it holds must not be claimed by others.</summary>
    private async Task RefreshHeldAsync()
    {
        var now = Stopwatch.GetTimestamp();
        if (Stopwatch.GetElapsedTime(_lastRefresh, now) < _settings.TrainingLease / 3)
        {
            return;
        }

        RedisValue[] ids;
        lock (_lock)
        {
            ids = [.. _held.Select(entry => entry.EntryId)];
        }

        if (ids.Length > 0)
        {
            await _redis.Database.StreamClaimIdsOnlyAsync(Stream, Group, _settings.Replica, 0, ids).ConfigureAwait(false);
        }

        _lastRefresh = now;
    }

    /// <summary>Takes new entries, then those of replicas silent for a whole lease, as far as this replica has room.</summary>
    private async Task ReadEntriesAsync()
    {
        var room = Room();
        if (room <= 0)
        {
            return;
        }

        var db = _redis.Database;
        var fresh = await db.StreamReadGroupAsync(Stream, Group, _settings.Replica, StreamPosition.NewMessages, room).ConfigureAwait(false);
        Hold(fresh);
        room = Room();
        if (room <= 0)
        {
            return;
        }

        var orphans = await db.StreamAutoClaimAsync(Stream, Group, _settings.Replica, (long)_settings.TrainingLease.TotalMilliseconds, "0-0", room).ConfigureAwait(false);
        Hold(orphans.ClaimedEntries);
    }

    private int Room()
    {
        lock (_lock)
        {
            return _options.TrainingMaxParallel - _held.Count;
        }
    }

    private void Hold(StreamEntry[] entries)
    {
        lock (_lock)
        {
            foreach (var entry in entries)
            {
                if (entry.IsNull || _held.Exists(held => held.EntryId == entry.Id))
                {
                    continue;
                }

                _held.Add(new HeldEntry(entry.Id, entry["job"].ToString(), entry["project"].ToString()));
            }
        }
    }

    /// <summary>Claims every held job that may start now; returns how long until the next one may.</summary>
    private async Task<TimeSpan> StartDueJobsAsync()
    {
        HeldEntry[] waiting;
        lock (_lock)
        {
            waiting = [.. _held.Where(entry => entry.Running is null)];
        }

        var wait = Poll;
        var db = _redis.Database;
        foreach (var entry in waiting)
        {
            var job = await ReadJobAsync(db, entry.JobId).ConfigureAwait(false);
            if (job is null || job.State is not (TrainingJobState.Queued or TrainingJobState.Running))
            {
                await ReleaseEntryAsync(entry).ConfigureAwait(false);
                continue;
            }

            var now = _time.GetUtcNow();
            var due = job.State == TrainingJobState.Queued ? job.LastEventAt + _options.TrainingDebounce : now;
            if (due > now)
            {
                wait = due - now < wait ? due - now : wait;
                continue;
            }

            var token = $"{_settings.Replica}/{Guid.NewGuid():N}";
            var outcome = (string?)await db.ScriptEvaluateAsync(RedisJobScripts.Claim, values:
            [
                Prefix, entry.JobId, token, (long)_settings.TrainingLease.TotalMilliseconds, RedisJobRecords.Iso(now),
                _options.RequeueInterruptedJobs ? "1" : "0", _settings.Replica,
            ]).ConfigureAwait(false);
            switch (outcome)
            {
                case "busy":
                    // The project's previous job still runs somewhere; its end wakes every replica.
                    continue;
                case "failed":
                    RedisLog.TakenOver(_logger, entry.JobId, entry.ProjectId, "marked failed (TRAINING_INTERRUPTED_JOBS=fail)");
                    await ReleaseEntryAsync(entry).ConfigureAwait(false);
                    continue;
                case "claimed" or "taken-over":
                    if (outcome == "taken-over")
                    {
                        RedisLog.TakenOver(_logger, entry.JobId, entry.ProjectId, "this replica runs it again");
                    }

                    // The start time is taken after the claim went through, not when this pass began: it must not
                    // come before the end of the project's previous job, which released the lock the claim took.
                    await db.HashSetAsync(_redis.Key("job:" + entry.JobId), "started_at", RedisJobRecords.Iso(_time.GetUtcNow())).ConfigureAwait(false);
                    var claimed = await ReadJobAsync(db, entry.JobId).ConfigureAwait(false) ?? job;
                    var running = new RunningJob(claimed, token);
                    lock (_lock)
                    {
                        entry.Running = running;
                    }

                    running.Task = Task.Run(() => RunAsync(entry, running));
                    break;
                default:
                    await ReleaseEntryAsync(entry).ConfigureAwait(false);
                    break;
            }
        }

        return wait;
    }

    private async Task RunAsync(HeldEntry entry, RunningJob running)
    {
        var job = running.Job;
        var started = Stopwatch.GetTimestamp();
        Log.JobStarted(_logger, job.Id, job.ProjectId, job.Actions.Count, job.Attempts);
        using var timeout = _options.TrainingJobTimeout > TimeSpan.Zero ? new CancellationTokenSource(_options.TrainingJobTimeout, _time) : new CancellationTokenSource();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(running.Cancel.Token, timeout.Token, _shutdown.Token);
        using var renewal = CancellationTokenSource.CreateLinkedTokenSource(linked.Token);
        var renewing = RenewLeaseAsync(running, renewal.Token);
        TrainingJob? finished;
        try
        {
            var result = await FitAsync(running, linked.Token).ConfigureAwait(false);
            var version = await _redis.RunAsync(db => db.HashGetAsync(_redis.Key("state:" + job.ProjectId), StateKeys.ModelVersion)).ConfigureAwait(false);
            finished = TrainingOutcomes.Succeeded(running.Job, _time.GetUtcNow(), version, result);
        }
        catch (OperationCanceledException) when (running.LeaseLost)
        {
            finished = null;
        }
        catch (OperationCanceledException) when (running.CancelRequested)
        {
            finished = TrainingOutcomes.Cancelled(running.Job, _time.GetUtcNow());
        }
        catch (OperationCanceledException) when (_shutdown.IsCancellationRequested)
        {
            finished = TrainingOutcomes.Requeued(running.Job, "for another replica");
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            finished = TrainingOutcomes.TimedOut(running.Job, _time.GetUtcNow(), _options.TrainingJobTimeout);
        }
#pragma warning disable CA1031 // A failing fit must fail its job, never the queue.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Log.JobFailed(_logger, ex, job.Id, job.ProjectId);
            finished = TrainingOutcomes.Failed(running.Job, _time.GetUtcNow(), ex);
        }

        await renewal.CancelAsync().ConfigureAwait(false);
        await renewing.ConfigureAwait(false);
        if (finished is null || !await EndAsync(entry, running, finished).ConfigureAwait(false))
        {
            RedisLog.LeaseLost(_logger, job.Id, job.ProjectId);
        }
        else
        {
            var elapsed = Stopwatch.GetElapsedTime(started);
            _metrics.JobFinished(finished.State, elapsed);
            Log.JobEnded(_logger, job.Id, job.ProjectId, finished.State.ToString().ToLowerInvariant(), elapsed.TotalSeconds, finished.ModelVersionAfter ?? "-");
        }

        lock (_lock)
        {
            _held.Remove(entry);
            running.Cancel.Dispose();
        }

        Publish("training:wake", job.Id);
        Wake();
    }

    private async Task<string?> FitAsync(RunningJob running, CancellationToken cancellationToken)
    {
        var job = running.Job;
        var (events, labelConfig) = await _redis.RunAsync(async db =>
        {
            var key = _redis.Key("job:" + job.Id);
            var stored = await db.ListRangeAsync(key.Append(":events")).ConfigureAwait(false);
            var config = await db.HashGetAsync(key, "label_config").ConfigureAwait(false);
            IReadOnlyList<QueuedTrainingEvent> parsed = [.. stored.Select(text => JsonNode.Parse(text.ToString())!.AsObject())
                .Select(queued => new QueuedTrainingEvent(queued["action"]!.GetValue<string>(), queued["data"]!.AsObject()))];
            return (parsed, config.IsNullOrEmpty ? null : config.ToString());
        }).ConfigureAwait(false);

        return await TrainingFit.RunAsync(
            _scopes,
            _logger,
            _models,
            job,
            events,
            labelConfig,
            versionBefore =>
            {
                running.Job = running.Job with { ModelVersionBefore = versionBefore };
                _ = WriteAsync(running, "version_before", versionBefore ?? string.Empty);
            },
            (fraction, message) =>
            {
                running.Job = running.Job with { Progress = fraction, ProgressMessage = message };
                Log.JobProgress(_logger, job.Id, job.ProjectId, fraction * 100, message ?? string.Empty);
                _ = WriteAsync(running, "progress", fraction.ToString("R", CultureInfo.InvariantCulture), "progress_message", message ?? string.Empty);
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes fields of a running job while this replica holds its lease; progress is best effort.</summary>
    private async Task WriteAsync(RunningJob running, params RedisValue[] fields)
    {
        try
        {
            await _redis.Database.ScriptEvaluateAsync(RedisJobScripts.Update, [LockKey(running.Job.ProjectId), _redis.Key("job:" + running.Job.Id)],
                [running.Token, "0", .. fields]).ConfigureAwait(false);
        }
        catch (Exception ex) when (RedisConnection.IsUnavailable(ex))
        {
            // The next report or the end of the job writes again.
        }
    }

    /// <summary>Renews the lease every third of it; a lease another replica took over cancels the fit.</summary>
    private async Task RenewLeaseAsync(RunningJob running, CancellationToken cancellationToken)
    {
        var lease = (long)_settings.TrainingLease.TotalMilliseconds;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(_settings.TrainingLease / 3, _time, cancellationToken).ConfigureAwait(false);
                var renewed = (long)await _redis.Database.ScriptEvaluateAsync(RedisJobScripts.Renew, [LockKey(running.Job.ProjectId)], [running.Token, lease]).ConfigureAwait(false);
                if (renewed == 0)
                {
                    running.LeaseLost = true;
                    await running.Cancel.CancelAsync().ConfigureAwait(false);
                    return;
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (Exception ex) when (RedisConnection.IsUnavailable(ex))
            {
                // Redis is away: keep fitting; if the lease runs out meanwhile, the end finds it lost.
            }
        }
    }

    /// <summary>Writes the job's end and releases the lock (or, after a shutdown, hands the job back); false when the lease was lost.</summary>
    private async Task<bool> EndAsync(HeldEntry entry, RunningJob running, TrainingJob finished)
    {
        var job = finished;
        try
        {
            var db = _redis.Database;
            var jobKey = _redis.Key("job:" + job.Id);
            var written = (long)await db.ScriptEvaluateAsync(RedisJobScripts.Update, [LockKey(job.ProjectId), jobKey],
                [running.Token, "1", .. RedisJobRecords.EndFields(job)]).ConfigureAwait(false);
            if (written == 0)
            {
                return false;
            }

            if (job.State == TrainingJobState.Queued)
            {
                await HandBackAsync(entry).ConfigureAwait(false);
                return true;
            }

            await db.StreamAcknowledgeAsync(Stream, Group, entry.EntryId).ConfigureAwait(false);
            // Ended: the events are no longer needed; the record stays readable for the retention time.
            await db.KeyDeleteAsync(jobKey.Append(":events")).ConfigureAwait(false);
            await db.KeyExpireAsync(jobKey, RedisJobRecords.Retention).ConfigureAwait(false);
            await db.KeyExpireAsync(jobKey.Append(":actions"), RedisJobRecords.Retention).ConfigureAwait(false);
            var expired = (_time.GetUtcNow() - RedisJobRecords.Retention).ToUnixTimeMilliseconds();
            await db.SortedSetRemoveRangeByScoreAsync(_redis.Key("jobs"), double.NegativeInfinity, expired).ConfigureAwait(false);
            await db.SortedSetRemoveRangeByScoreAsync(_redis.Key("jobs:" + job.ProjectId), double.NegativeInfinity, expired).ConfigureAwait(false);
            return true;
        }
        catch (Exception ex) when (RedisConnection.IsUnavailable(ex))
        {
            // The end is not recorded: the entry stays pending and the lock expires, so a replica runs the job again.
            RedisLog.Unavailable(_logger, _redis.Address, ex.Message);
            return true;
        }
    }

    /// <summary>Puts a held entry back in the stream for any replica, at once.</summary>
    private async Task HandBackAsync(HeldEntry entry)
    {
        try
        {
            var db = _redis.Database;
            await db.StreamAddAsync(Stream, [new NameValueEntry("job", entry.JobId), new NameValueEntry("project", entry.ProjectId)]).ConfigureAwait(false);
            await db.StreamAcknowledgeAsync(Stream, Group, entry.EntryId).ConfigureAwait(false);
            Publish("training:wake", entry.JobId);
        }
        catch (Exception ex) when (RedisConnection.IsUnavailable(ex))
        {
            // Still pending under this replica's name: another replica claims it after the lease.
        }
    }

    private async Task ReleaseEntryAsync(HeldEntry entry)
    {
        await _redis.Database.StreamAcknowledgeAsync(Stream, Group, entry.EntryId).ConfigureAwait(false);
        lock (_lock)
        {
            _held.Remove(entry);
        }
    }

    private async Task<TrainingJob?> ReadJobAsync(IDatabase db, string id)
    {
        var key = _redis.Key("job:" + id);
        var fields = await db.HashGetAllAsync(key).ConfigureAwait(false);
        return fields.Length == 0 ? null : RedisJobRecords.Read(fields, await db.ListRangeAsync(key.Append(":actions")).ConfigureAwait(false));
    }

    private RedisKey LockKey(string projectId) => _redis.Key("lock:" + projectId);

    private void CancelLocal(string id)
    {
        lock (_lock)
        {
            if (_held.Find(entry => entry.Running?.Job.Id == id)?.Running is { } running)
            {
                running.CancelRequested = true;
                running.Cancel.Cancel();
            }
        }
    }

    private void Publish(string channel, string message)
    {
        try
        {
            _redis.Subscriber.Publish(_redis.Channel(channel), message, CommandFlags.FireAndForget);
        }
        catch (Exception ex) when (RedisConnection.IsUnavailable(ex))
        {
            // Replicas poll as well; the signal only makes them quicker.
        }
    }

    private void Wake()
    {
        try
        {
            _wake.Release();
        }
        catch (ObjectDisposedException)
        {
            // Stopped.
        }
    }

    /// <summary>A stream entry this replica read or claimed: waiting for its start, or running.</summary>
    private sealed class HeldEntry(RedisValue entryId, string jobId, string projectId)
    {
        public RedisValue EntryId { get; } = entryId;

        public string JobId { get; } = jobId;

        public string ProjectId { get; } = projectId;

        public RunningJob? Running { get; set; }
    }

    private sealed class RunningJob(TrainingJob job, string token)
    {
        public TrainingJob Job { get; set; } = job;

        public string Token { get; } = token;

        public CancellationTokenSource Cancel { get; } = new();

        public bool CancelRequested { get; set; }

        public bool LeaseLost { get; set; }

        public Task Task { get; set; } = Task.CompletedTask;
    }
}
