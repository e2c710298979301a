using System.Diagnostics;
using System.Reflection;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LabelStudio.ML;

/// <summary>
/// Adaptive batching: concurrent batch predictions of one project (same label config) are grouped into one model
/// call of up to <c>MaxBatchSize</c> tasks; each caller gets its own slice of the results. One loop reads a bounded
/// channel: when a batch worker is free it takes the oldest request and everything of the same project that has
/// queued up behind it, waiting at most <c>MaxWait</c> after the oldest arrived. While the workers are busy requests
/// queue, so batches grow with the load and stay small (fast) when it is light.
/// </summary>
internal sealed class PredictionBatcher : BackgroundService
{
    private readonly Channel<Item> _items;
    private readonly PredictionRunner _runner;
    private readonly PredictionGate _gate;
    private readonly IServiceScopeFactory _scopes;
    private readonly ILogger _logger;
    private readonly TimeSpan _predictTimeout;
    private readonly SemaphoreSlim _workers;
    private readonly BackendMetrics _metrics;

    public PredictionBatcher(
        ModelRegistration registration,
        PredictionRunner runner,
        PredictionGate gate,
        IServiceScopeFactory scopes,
        IOptions<LabelStudioMLOptions> options,
        BackendMetrics metrics,
        ILogger<PredictionBatcher> logger)
    {
        _metrics = metrics;
        var attribute = registration.ModelType.GetCustomAttribute<AdaptiveBatchingAttribute>(inherit: true);
        var settings = options.Value;
        Enabled = attribute is not null && settings.BatchingEnabled;
        MaxBatchSize = settings.BatchMaxSize ?? attribute?.MaxBatchSize ?? 32;
        MaxWait = settings.BatchMaxWait ?? TimeSpan.FromMilliseconds(attribute?.MaxWaitMilliseconds ?? 5);
        _predictTimeout = settings.PredictTimeout;
        MaxConcurrentBatches = settings.BatchMaxConcurrent;
        _workers = new SemaphoreSlim(MaxConcurrentBatches, MaxConcurrentBatches);
        _runner = runner;
        _gate = gate;
        _scopes = scopes;
        _logger = logger;
        // Bounded: what waits here is held back from the gate's queue, so it gets the same kind of limit.
        _items = Channel.CreateBounded<Item>(new BoundedChannelOptions(Math.Max(1, settings.MaxQueuedPredictions + (settings.MaxConcurrentPredictions * MaxBatchSize)))
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    /// <summary>Whether the served model asked for batching and it is not switched off.</summary>
    public bool Enabled { get; }

    public int MaxBatchSize { get; }

    public TimeSpan MaxWait { get; }

    /// <summary>Requests waiting in the batching queue now.</summary>
    public int Waiting => _items.Reader.Count;

    /// <summary>How many batched model calls run at once (<c>BATCH_MAX_CONCURRENT</c>).</summary>
    public int MaxConcurrentBatches { get; }

    public override void Dispose()
    {
        _workers.Dispose();
        base.Dispose();
    }

    /// <summary>Predicts <paramref name="request"/> as part of a batch; completes with this request's own results.</summary>
    public Task<JsonNode> PredictAsync(string projectId, string? labelConfig, PredictRequest request, CancellationToken cancellationToken)
    {
        var item = new Item(projectId, labelConfig, request, cancellationToken);
        if (!_items.Writer.TryWrite(item))
        {
            _metrics.Rejected("batch_queue_full");
            throw new AnswerException(StatusCodes.Status503ServiceUnavailable, "The backend is at capacity: the batching queue is full. Retry shortly.")
            {
                RetryAfter = TimeSpan.FromSeconds(1),
            };
        }

        return item.Completion.Task.WaitAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Items of other projects met while filling a batch wait here for the next turn, oldest first.
        var postponed = new List<Item>();
        var reader = _items.Reader;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                if (postponed.Count == 0 && !await reader.WaitToReadAsync(stoppingToken).ConfigureAwait(false))
                {
                    break;
                }

                // Adaptive: wait for a free batch worker first. Requests arriving meanwhile queue up, so the busier
                // the model, the larger its next batch.
                await _workers.WaitAsync(stoppingToken).ConfigureAwait(false);
                var batch = await FillAsync(postponed, reader, stoppingToken).ConfigureAwait(false);
                _ = Task.Run(async () =>
                {
                    try
                    {
                        await RunAsync(batch).ConfigureAwait(false);
                    }
                    finally
                    {
                        _workers.Release();
                    }
                }, CancellationToken.None);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: requests still waiting are answered by their own cancellation.
        }
    }

    /// <summary>
    /// Takes the oldest waiting request and adds requests of the same project until the batch has
    /// <see cref="MaxBatchSize"/> tasks or the oldest request has waited <see cref="MaxWait"/>.
    /// </summary>
    private async Task<List<Item>> FillAsync(List<Item> postponed, ChannelReader<Item> reader, CancellationToken stoppingToken)
    {
        Item first;
        if (postponed.Count > 0)
        {
            first = postponed[0];
            postponed.RemoveAt(0);
        }
        else if (!reader.TryRead(out first!))
        {
            first = await reader.ReadAsync(stoppingToken).ConfigureAwait(false);
        }

        var batch = new List<Item> { first };
        var tasks = first.Request.Tasks.Count;
        for (var i = 0; i < postponed.Count && tasks < MaxBatchSize;)
        {
            if (postponed[i].Key == first.Key)
            {
                tasks += postponed[i].Request.Tasks.Count;
                batch.Add(postponed[i]);
                postponed.RemoveAt(i);
            }
            else
            {
                i++;
            }
        }

        // With every other batch worker idle the model is not busy: waiting for company would only add latency, so
        // the batch leaves with what has queued. While other batches run, waiting up to MaxWait gathers more.
        var othersRunning = MaxConcurrentBatches - _workers.CurrentCount - 1 > 0;
        var deadline = othersRunning ? first.EnqueuedAt + MaxWait : DateTime.MinValue;
        while (tasks < MaxBatchSize)
        {
            if (!reader.TryRead(out var next))
            {
                var wait = deadline - DateTime.UtcNow;
                if (wait <= TimeSpan.Zero)
                {
                    break;
                }

                using var timer = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                timer.CancelAfter(wait);
                try
                {
                    if (!await reader.WaitToReadAsync(timer.Token).ConfigureAwait(false))
                    {
                        break;
                    }
                }
                catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
                {
                    break;
                }

                continue;
            }

            if (next.Key == first.Key)
            {
                tasks += next.Request.Tasks.Count;
                batch.Add(next);
            }
            else
            {
                postponed.Add(next);
            }
        }

        return batch;
    }

    private async Task RunAsync(List<Item> items)
    {
        items.RemoveAll(item => item.Cancellation.IsCancellationRequested && item.Completion.TrySetCanceled(item.Cancellation));
        if (items.Count == 0)
        {
            return;
        }

        // The batch's span continues the trace of its oldest request and links the others', so every request's trace
        // leads to the model call that answered it.
        using var activity = items[0].Parent is { } parent
            ? LabelStudioTelemetry.Source.StartActivity("predict batch", ActivityKind.Internal, parent, links: Links(items))
            : null;
        activity?.SetTag("labelstudio.batch.requests", items.Count);
        try
        {
            using var lease = await _gate.EnterAsync(CancellationToken.None).ConfigureAwait(false);
            var tasks = 0;
            foreach (var item in items)
            {
                tasks += item.Request.Tasks.Count;
            }

            _metrics.Batched(items.Count, tasks);
            using var timeout = _predictTimeout > TimeSpan.Zero ? new CancellationTokenSource(_predictTimeout) : new CancellationTokenSource();
            var scope = _scopes.CreateAsyncScope();
            await using (scope.ConfigureAwait(false))
            {
                if (items.Count == 1)
                {
                    await RunAloneAsync(scope.ServiceProvider, items[0], timeout.Token).ConfigureAwait(false);
                    return;
                }

                try
                {
                    var first = items[0];
                    var combined = Combine(items);
                    var results = await _runner.PredictAsync(scope.ServiceProvider, first.ProjectId, first.LabelConfig, combined, timeout.Token).ConfigureAwait(false);
                    Split(items, results, combined.Tasks.Count);
                    Log.Batched(_logger, items.Count, combined.Tasks.Count, first.ProjectId);
                }
#pragma warning disable CA1031 // Any failure of the batch is retried request by request, so each gets its own answer.
                catch (Exception ex) when (ex is not OperationCanceledException || !timeout.IsCancellationRequested)
#pragma warning restore CA1031
                {
                    Log.BatchFailed(_logger, ex, items.Count);
                    foreach (var item in items)
                    {
                        await RunAloneAsync(scope.ServiceProvider, item, timeout.Token).ConfigureAwait(false);
                    }
                }
            }
        }
#pragma warning disable CA1031 // The failure belongs to the waiting requests, not to the batching loop.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            foreach (var item in items)
            {
                item.Completion.TrySetException(ex);
            }
        }
    }

    private async Task RunAloneAsync(IServiceProvider services, Item item, CancellationToken timeout)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout, item.Cancellation);
        try
        {
            item.Completion.TrySetResult(await _runner.PredictAsync(services, item.ProjectId, item.LabelConfig, item.Request, linked.Token).ConfigureAwait(false));
        }
#pragma warning disable CA1031 // Handed to the request that owns it.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            item.Completion.TrySetException(ex);
        }
    }

    private static List<ActivityLink>? Links(List<Item> items)
    {
        List<ActivityLink>? links = null;
        for (var i = 1; i < items.Count; i++)
        {
            if (items[i].Parent is { } context)
            {
                (links ??= []).Add(new ActivityLink(context));
            }
        }

        return links;
    }

    private static PredictRequest Combine(List<Item> items)
    {
        var raw = new JsonArray();
        var tasks = new List<LabelStudioTask>();
        foreach (var item in items)
        {
            foreach (var task in item.Request.Tasks)
            {
                raw.Add(task.Json.DeepClone());
                tasks.Add(task);
            }
        }

        return new PredictRequest(raw, tasks, context: null, items[0].Request.Parameters);
    }

    private static void Split(List<Item> items, JsonNode results, int taskCount)
    {
        if (results is not JsonArray all || all.Count != taskCount)
        {
            throw new InvalidOperationException(
                $"The model returned {(results as JsonArray)?.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "no array of"} result(s) for a batch of {taskCount} task(s); it must return one per task, in order.");
        }

        var entries = all.ToList();
        all.Clear();
        var next = 0;
        foreach (var item in items)
        {
            var own = new JsonArray();
            for (var i = 0; i < item.Request.Tasks.Count; i++)
            {
                own.Add(entries[next++]);
            }

            item.Completion.TrySetResult(own);
        }
    }

    private sealed class Item(string projectId, string? labelConfig, PredictRequest request, CancellationToken cancellation)
    {
        public string ProjectId { get; } = projectId;

        public string? LabelConfig { get; } = labelConfig;

        public PredictRequest Request { get; } = request;

        public CancellationToken Cancellation { get; } = cancellation;

        // Requests of one project with one label config can share a model call.
        public string Key { get; } = projectId + "\n" + labelConfig;

        public TaskCompletionSource<JsonNode> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public DateTime EnqueuedAt { get; } = DateTime.UtcNow;

        /// <summary>The request's span, when traced: the batch's span continues it.</summary>
        public ActivityContext? Parent { get; } = Activity.Current?.Context;
    }
}
