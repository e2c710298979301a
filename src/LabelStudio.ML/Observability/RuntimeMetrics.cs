using Prometheus;

namespace LabelStudio.ML;

/// <summary>
/// Runtime numbers that <see cref="DotNetStats"/> lacks — the thread pool and GC heap and pauses — read from the
/// runtime's own counters when Prometheus scrapes (nothing runs between scrapes).
/// </summary>
internal static class RuntimeMetrics
{
    public static void Register(IMetricFactory factory, CollectorRegistry registry)
    {
        var threads = factory.CreateGauge("dotnet_threadpool_threads", "Thread pool threads now.");
        var pending = factory.CreateGauge("dotnet_threadpool_queue_length", "Work items waiting in the thread pool's queues now.");
        var completed = factory.CreateCounter("dotnet_threadpool_completed_items_total", "Work items the thread pool completed since start.");
        var contention = factory.CreateCounter("dotnet_monitor_lock_contentions_total", "Times a thread waited for a lock since start.");
        var heap = factory.CreateGauge("dotnet_gc_heap_size_bytes", "Size of the GC heap after the last collection.");
        var allocated = factory.CreateCounter("dotnet_gc_allocated_bytes_total", "Bytes allocated on the GC heap since start.");
        var pause = factory.CreateCounter("dotnet_gc_pause_seconds_total", "Time the GC paused the process since start.");
        registry.AddBeforeCollectCallback(() =>
        {
            threads.Set(ThreadPool.ThreadCount);
            pending.Set(ThreadPool.PendingWorkItemCount);
            completed.IncTo(ThreadPool.CompletedWorkItemCount);
            contention.IncTo(Monitor.LockContentionCount);
            heap.Set(GC.GetGCMemoryInfo().HeapSizeBytes);
            allocated.IncTo(GC.GetTotalAllocatedBytes());
            pause.IncTo(GC.GetTotalPauseDuration().TotalSeconds);
        });
    }
}
