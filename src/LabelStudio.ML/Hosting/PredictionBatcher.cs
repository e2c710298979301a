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
/// call of up to <c>MaxBatchSize</c> tasks, waiting at most <c>MaxWait</c> for the group to fill; each caller gets
/// its own slice of the results. Built on a channel read by one loop that only groups and dispatches.
/// </summary>
internal sealed class PredictionBatcher : BackgroundService
{
    private readonly Channel<Item> _items;
    private readonly PredictionRunner _runner;
    private readonly PredictionGate _gate;
    private readonly IServiceScopeFactory _scopes;
    private readonly ILogger _logger;
    private readonly TimeSpan _predictTimeout;

    public PredictionBatcher(
        ModelRegistration registration,
        PredictionRunner runner,
        PredictionGate gate,
        IServiceScopeFactory scopes,
        IOptions<LabelStudioMLOptions> options,
        ILogger<PredictionBatcher> logger)
    {
        var attribute = registration.ModelType.GetCustomAttribute<AdaptiveBatchingAttribute>(inherit: true);
        var settings = options.Value;
        Enabled = attribute is not null && settings.BatchingEnabled;
        MaxBatchSize = settings.BatchMaxSize ?? attribute?.MaxBatchSize ?? 32;
        MaxWait = settings.BatchMaxWait ?? TimeSpan.FromMilliseconds(attribute?.MaxWaitMilliseconds ?? 5);
        _predictTimeout = settings.PredictTimeout;
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

    /// <summary>Predicts <paramref name="request"/> as part of a batch; completes with this request's own results.</summary>
    public Task<JsonNode> PredictAsync(string projectId, string? labelConfig, PredictRequest request, CancellationToken cancellationToken)
    {
        var item = new Item(projectId, labelConfig, request, cancellationToken);
        if (!_items.Writer.TryWrite(item))
        {
            throw new AnswerException(StatusCodes.Status503ServiceUnavailable, "The backend is at capacity: the batching queue is full. Retry shortly.")
            {
                RetryAfter = TimeSpan.FromSeconds(1),
            };
        }

        return item.Completion.Task.WaitAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var open = new Dictionary<string, Group>(StringComparer.Ordinal);
        var reader = _items.Reader;
        while (!stoppingToken.IsCancellationRequested)
        {
            while (reader.TryRead(out var item))
            {
                if (!open.TryGetValue(item.Key, out var group))
                {
                    group = new Group(DateTime.UtcNow + MaxWait);
                    open[item.Key] = group;
                }

                group.Add(item);
                if (group.Tasks >= MaxBatchSize)
                {
                    open.Remove(item.Key);
                    Dispatch(group);
                }
            }

            var now = DateTime.UtcNow;
            foreach (var (key, group) in open.Where(pair => pair.Value.Deadline <= now).ToList())
            {
                open.Remove(key);
                Dispatch(group);
            }

            try
            {
                if (open.Count == 0)
                {
                    if (!await reader.WaitToReadAsync(stoppingToken).ConfigureAwait(false))
                    {
                        break;
                    }
                }
                else
                {
                    var wait = open.Values.Min(group => group.Deadline) - DateTime.UtcNow;
                    if (wait > TimeSpan.Zero)
                    {
                        using var timer = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                        timer.CancelAfter(wait);
                        try
                        {
                            await reader.WaitToReadAsync(timer.Token).ConfigureAwait(false);
                        }
                        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
                        {
                            // The nearest deadline came: dispatch on the next turn.
                        }
                    }
                }
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        foreach (var group in open.Values)
        {
            Dispatch(group);
        }
    }

    private void Dispatch(Group group) => _ = Task.Run(() => RunAsync(group.Items));

    private async Task RunAsync(List<Item> items)
    {
        items.RemoveAll(item => item.Cancellation.IsCancellationRequested && item.Completion.TrySetCanceled(item.Cancellation));
        if (items.Count == 0)
        {
            return;
        }

        try
        {
            using var lease = await _gate.EnterAsync(CancellationToken.None).ConfigureAwait(false);
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
    }

    private sealed class Group(DateTime deadline)
    {
        public DateTime Deadline { get; } = deadline;

        public List<Item> Items { get; } = [];

        public int Tasks { get; private set; }

        public void Add(Item item)
        {
            Items.Add(item);
            Tasks += item.Request.Tasks.Count;
        }
    }
}
