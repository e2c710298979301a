using Prometheus;

namespace LabelStudio.ML;

/// <summary>Task data downloads: bytes, cache hits and misses, and failures by <see cref="TaskDataErrorCategory"/>.</summary>
internal sealed class TaskDataMetrics
{
    private const string Prefix = "labelstudio_ml_task_data_";
    private readonly Counter.Child _downloadedBytes;
    private readonly Counter.Child _cacheHits;
    private readonly Counter.Child _cacheMisses;
    private readonly Counter.Child[] _errors;

    public TaskDataMetrics(MetricsRegistry registry)
    {
        var factory = Metrics.WithCustomRegistry(registry.Registry);
        _downloadedBytes = factory.CreateCounter(Prefix + "downloaded_bytes_total", "Bytes of task data downloaded into the cache.").WithLabels();
        var cache = factory.CreateCounter(Prefix + "cache_requests_total",
            "Downloadable task data looked up in the download cache, by result (hit: served from disk; miss: downloaded).", ["result"]);
        _cacheHits = cache.WithLabels("hit");
        _cacheMisses = cache.WithLabels("miss");
        var errors = factory.CreateCounter(Prefix + "errors_total", "Task data that could not be read, by TaskDataException category.", ["category"]);
        // Every category from the start, at 0: rate() and alerts see the series before the first failure.
        _errors = [.. Enum.GetValues<TaskDataErrorCategory>().Select(category => errors.WithLabels(Label(category)))];
    }

    public void CacheHit() => _cacheHits.Inc();

    public void Downloaded(long bytes)
    {
        _cacheMisses.Inc();
        _downloadedBytes.Inc(bytes);
    }

    /// <summary>Counts a failure; returns <see langword="false"/> so it can sit in an exception filter.</summary>
    public bool Failed(TaskDataException exception)
    {
        _errors[(int)exception.Category].Inc();
        return false;
    }

    internal static string Label(TaskDataErrorCategory category) => category switch
    {
        TaskDataErrorCategory.NotConfigured => "not_configured",
        TaskDataErrorCategory.Unauthorized => "unauthorized",
        TaskDataErrorCategory.NotFound => "not_found",
        TaskDataErrorCategory.TooLarge => "too_large",
        TaskDataErrorCategory.Timeout => "timeout",
        TaskDataErrorCategory.Refused => "refused",
        TaskDataErrorCategory.InvalidInput => "invalid_input",
        _ => "unavailable",
    };
}
