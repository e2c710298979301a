using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace LabelStudio.ML;

/// <summary>
/// Backpressure for predictions: at most <c>MAX_CONCURRENT_PREDICTIONS</c> run at once, at most
/// <c>MAX_QUEUED_PREDICTIONS</c> wait for a slot (each for at most <c>PREDICT_QUEUE_TIMEOUT_MS</c>); anything beyond
/// is answered 503 with <c>Retry-After</c> at once, instead of piling up until Label Studio's 100-second timeout.
/// </summary>
internal sealed class PredictionGate : IDisposable
{
    private static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(1);
    private readonly SemaphoreSlim _slots;
    private readonly int _maxConcurrent;
    private readonly int _maxQueued;
    private readonly TimeSpan _queueTimeout;
    private readonly BackendMetrics _metrics;
    private int _queued;
    private long _rejected;

    public PredictionGate(IOptions<LabelStudioMLOptions> options, BackendMetrics metrics)
    {
        _metrics = metrics;
        _maxConcurrent = options.Value.MaxConcurrentPredictions;
        _maxQueued = options.Value.MaxQueuedPredictions;
        _queueTimeout = options.Value.PredictQueueTimeout;
        _slots = new SemaphoreSlim(_maxConcurrent, _maxConcurrent);
    }

    /// <summary>Predictions running now.</summary>
    public int InFlight => _maxConcurrent - _slots.CurrentCount;

    /// <summary>Predictions waiting for a slot now.</summary>
    public int Queued => Volatile.Read(ref _queued);

    /// <summary>How many requests were turned away since start.</summary>
    public long Rejected => Interlocked.Read(ref _rejected);

    /// <summary>Takes a slot, waiting in the bounded queue if needed; dispose the lease to give it back.</summary>
    /// <exception cref="AnswerException">503 with <c>Retry-After</c>: the queue is full or the wait ran out.</exception>
    public async ValueTask<Lease> EnterAsync(CancellationToken cancellationToken)
    {
        if (_slots.Wait(0, CancellationToken.None))
        {
            return new Lease(this);
        }

        if (Interlocked.Increment(ref _queued) > _maxQueued)
        {
            Interlocked.Decrement(ref _queued);
            throw Overloaded("queue_full", $"{_maxConcurrent} predictions are running and {_maxQueued} are waiting");
        }

        try
        {
            if (await _slots.WaitAsync(_queueTimeout, cancellationToken).ConfigureAwait(false))
            {
                return new Lease(this);
            }
        }
        finally
        {
            Interlocked.Decrement(ref _queued);
        }

        throw Overloaded("queue_timeout", $"no prediction slot came free within {_queueTimeout.TotalMilliseconds:0} ms");
    }

    public void Dispose() => _slots.Dispose();

    private AnswerException Overloaded(string reason, string why)
    {
        Interlocked.Increment(ref _rejected);
        _metrics.Rejected(reason);
        return new AnswerException(
            StatusCodes.Status503ServiceUnavailable,
            $"The backend is at capacity: {why}. Retry shortly (MAX_CONCURRENT_PREDICTIONS and MAX_QUEUED_PREDICTIONS set the limits).")
        {
            RetryAfter = RetryAfter,
        };
    }

    /// <summary>A held prediction slot.</summary>
    public readonly struct Lease(PredictionGate gate) : IDisposable
    {
        public void Dispose() => gate._slots.Release();
    }
}
