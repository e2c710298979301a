using System.Collections.Concurrent;
using Prometheus;

namespace LabelStudio.ML;

/// <summary>
/// The backend's Prometheus metrics of predictions, batching, backpressure, training and model versions. Label children that every request touches are created once here, so
/// recording on the hot path is an interlocked add, without allocation. Gauges of current state (in flight, queued,
/// training jobs, model versions, thread pool) are read only when Prometheus scrapes.
/// </summary>
internal sealed class BackendMetrics
{
    private const string Prefix = "labelstudio_ml_";
    private static readonly double[] TaskBuckets = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000];
    private static readonly double[] SecondsBuckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 100];
    private static readonly double[] TrainingBuckets = [0.1, 0.5, 1, 5, 15, 60, 300, 900, 3600, 14400];

    private readonly Counter.Child _predictOk;
    private readonly Counter.Child _predictFailed;
    private readonly Counter.Child _predictedTasks;
    private readonly Histogram.Child _tasksPerRequest;
    private readonly Histogram.Child _predictSeconds;
    private readonly Histogram.Child _batchTasks;
    private readonly Histogram.Child _batchRequests;
    private readonly Counter _rejections;
    private readonly string _model;
    private readonly Counter _jobsFinished;
    private readonly Histogram _jobSeconds;
    private readonly Gauge _versionInfo;
    private readonly ConcurrentDictionary<string, string> _versions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _publishedVersions = new(StringComparer.Ordinal);
    private readonly Lock _versionsLock = new();

    public BackendMetrics(MetricsRegistry registry, ModelRegistration registration)
    {
        Registry = registry.Registry;
        var factory = Metrics.WithCustomRegistry(Registry);
        _model = registration.ModelClassName;
        string[] model = ["model"];

        var predictions = factory.CreateCounter(Prefix + "predictions_total", "Prediction requests answered by the model, by outcome (ok, error).", [.. model, "outcome"]);
        _predictOk = predictions.WithLabels(_model, "ok");
        _predictFailed = predictions.WithLabels(_model, "error");
        _predictedTasks = factory.CreateCounter(Prefix + "predicted_tasks_total", "Tasks predicted.", model).WithLabels(_model);
        _tasksPerRequest = factory.CreateHistogram(Prefix + "predict_request_tasks", "Tasks per /predict request.",
            model, new HistogramConfiguration { Buckets = TaskBuckets }).WithLabels(_model);
        _predictSeconds = factory.CreateHistogram(Prefix + "predict_duration_seconds", "Time of one model call (PredictAsync with the model's set-up), batched or not.",
            model, new HistogramConfiguration { Buckets = SecondsBuckets }).WithLabels(_model);
        _batchTasks = factory.CreateHistogram(Prefix + "batch_size_tasks", "Tasks per batched model call (adaptive batching).",
            model, new HistogramConfiguration { Buckets = TaskBuckets }).WithLabels(_model);
        _batchRequests = factory.CreateHistogram(Prefix + "batch_size_requests", "Requests per batched model call (adaptive batching).",
            model, new HistogramConfiguration { Buckets = TaskBuckets }).WithLabels(_model);
        _rejections = factory.CreateCounter(Prefix + "predict_rejections_total", "Predictions answered 503 because the backend was at capacity, by reason.", [.. model, "reason"]);
        InFlight = factory.CreateGauge(Prefix + "predictions_in_flight", "Model calls running now (requests, or batches when batching).", model).WithLabels(_model);
        Queued = factory.CreateGauge(Prefix + "predictions_queued", "Predictions waiting now, by queue: 'gate' for a prediction slot, 'batch' to join a batch.", [.. model, "queue"]);

        TrainingJobs = factory.CreateGauge(Prefix + "training_jobs", "Training jobs this process runs or holds waiting now, by state (queued, running).", ["state"]);
        _jobsFinished = factory.CreateCounter(Prefix + "training_jobs_finished_total", "Training jobs that ended, by final state (succeeded, failed, cancelled, queued = re-queued).", ["state"]);
        _jobSeconds = factory.CreateHistogram(Prefix + "training_job_duration_seconds", "How long training jobs ran, by final state.",
            ["state"], new HistogramConfiguration { Buckets = TrainingBuckets });
        _versionInfo = factory.CreateGauge(Prefix + "model_version_info", "The model version each project is served with: always 1, the version is in the label.", ["project", "version"]);

        // Every series from the start, at 0: dashboards and alerts see them before the first event.
        foreach (var reason in (string[])["queue_full", "queue_timeout", "batch_queue_full"])
        {
            _rejections.WithLabels(_model, reason);
        }

        foreach (var state in (TrainingJobState[])[TrainingJobState.Succeeded, TrainingJobState.Failed, TrainingJobState.Cancelled, TrainingJobState.Queued])
        {
            var label = state.ToString().ToLowerInvariant();
            _jobsFinished.WithLabels(label);
            _jobSeconds.WithLabels(label);
        }

        Ready = factory.CreateGauge(Prefix + "ready", "1 when /ready answers 200, else 0.").WithLabels();
        Registry.AddBeforeCollectCallback(PublishVersions);
    }

    /// <summary>The registry <c>/metrics</c> serves.</summary>
    public CollectorRegistry Registry { get; }

    public Gauge.Child InFlight { get; }

    public Gauge Queued { get; }

    public Gauge TrainingJobs { get; }

    public Gauge.Child Ready { get; }

    /// <summary>Reads the prediction queues and the training jobs at every scrape.</summary>
    public void Observe(PredictionGate gate, PredictionBatcher batcher, ITrainingQueue training)
    {
        var gateQueue = Queued.WithLabels(_model, "gate");
        var batchQueue = Queued.WithLabels(_model, "batch");
        var running = TrainingJobs.WithLabels("running");
        var waiting = TrainingJobs.WithLabels("queued");
        Registry.AddBeforeCollectCallback(() =>
        {
            InFlight.Set(gate.InFlight);
            gateQueue.Set(gate.Queued);
            batchQueue.Set(batcher.Waiting);
            var (runningJobs, queuedJobs) = training.Counts;
            running.Set(runningJobs);
            waiting.Set(queuedJobs);
        });
    }

    /// <summary>A model call ended.</summary>
    public void Predicted(int tasks, TimeSpan elapsed, bool succeeded)
    {
        (succeeded ? _predictOk : _predictFailed).Inc();
        if (succeeded)
        {
            _predictedTasks.Inc(tasks);
        }

        _predictSeconds.Observe(elapsed.TotalSeconds);
    }

    /// <summary>A <c>/predict</c> request arrived with <paramref name="tasks"/> tasks.</summary>
    public void PredictRequest(int tasks) => _tasksPerRequest.Observe(tasks);

    public void Batched(int requests, int tasks)
    {
        _batchRequests.Observe(requests);
        _batchTasks.Observe(tasks);
    }

    /// <summary>A prediction was turned away (503); <paramref name="reason"/> is one of a few fixed words.</summary>
    public void Rejected(string reason) => _rejections.WithLabels(_model, reason).Inc();

    public void JobFinished(TrainingJobState state, TimeSpan elapsed)
    {
        var label = state.ToString().ToLowerInvariant();
        _jobsFinished.WithLabels(label).Inc();
        _jobSeconds.WithLabels(label).Observe(elapsed.TotalSeconds);
    }

    /// <summary>Predictions of <paramref name="projectId"/> are now served with <paramref name="version"/>.</summary>
    public void ServingVersion(string projectId, string version)
    {
        if (!_versions.TryGetValue(projectId, out var known) || !string.Equals(known, version, StringComparison.Ordinal))
        {
            // Bounded like the model factory's own per-project memory: project ids come from the network.
            if (_versions.Count >= 10_000)
            {
                _versions.Clear();
            }

            _versions[projectId] = version;
        }
    }

    /// <summary>Brings <c>model_version_info</c> in line with the versions served: one series per project.</summary>
    private void PublishVersions()
    {
        lock (_versionsLock)
        {
            foreach (var (project, version) in _publishedVersions.ToList())
            {
                if (!_versions.TryGetValue(project, out var current) || !string.Equals(current, version, StringComparison.Ordinal))
                {
                    _versionInfo.RemoveLabelled(project, version);
                    _publishedVersions.Remove(project);
                }
            }

            foreach (var (project, version) in _versions)
            {
                if (!_publishedVersions.ContainsKey(project))
                {
                    _versionInfo.WithLabels(project, version).Set(1);
                    _publishedVersions[project] = version;
                }
            }
        }
    }
}
