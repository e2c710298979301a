using Prometheus;

namespace LabelStudio.ML;

/// <summary>
/// The registry <c>/metrics</c> serves: one per backend rather than prometheus-net's static default, so that two
/// backends in one process (as in tests) never mix their numbers. Holds the process and runtime metrics; the
/// backend's own metrics (<see cref="BackendMetrics"/>, <see cref="TaskDataMetrics"/>) register into it.
/// </summary>
internal sealed class MetricsRegistry
{
    public MetricsRegistry()
    {
        Registry = Metrics.NewCustomRegistry();
        // Process (CPU, memory, handles, threads, start time) and GC collection counts, as the default registry has them.
        DotNetStats.Register(Registry);
        RuntimeMetrics.Register(Metrics.WithCustomRegistry(Registry), Registry);
    }

    public CollectorRegistry Registry { get; }
}
