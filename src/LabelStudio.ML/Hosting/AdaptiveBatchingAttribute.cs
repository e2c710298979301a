namespace LabelStudio.ML;

/// <summary>
/// Marks a model that predicts faster per task in batches (a neural network on a CPU or GPU): concurrent
/// <c>/predict</c> calls of the same project are then grouped into one <c>PredictAsync</c> call, up to
/// <see cref="MaxBatchSize"/> tasks or <see cref="MaxWaitMilliseconds"/> of waiting, and each caller gets its own
/// predictions back. Interactive calls are never batched.
/// </summary>
/// <remarks>
/// The model must return one prediction per task of the batched request, in order. If a batched call throws, each
/// request of the batch is predicted alone, so a bad task fails only its own request.
/// <c>BATCH_MAX_SIZE</c>, <c>BATCH_MAX_WAIT_MS</c> and <c>BATCHING=off</c> override it without a rebuild.
/// </remarks>
[AttributeUsage(AttributeTargets.Class, Inherited = true, AllowMultiple = false)]
public sealed class AdaptiveBatchingAttribute : Attribute
{
    /// <summary>The most tasks in one model call. Default 32.</summary>
    public int MaxBatchSize { get; init; } = 32;

    /// <summary>How long a request waits at most for others to join its batch. Default 5 ms.</summary>
    public int MaxWaitMilliseconds { get; init; } = 5;
}
