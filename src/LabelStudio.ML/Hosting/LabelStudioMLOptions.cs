namespace LabelStudio.ML;

/// <summary>
/// Settings of a backend. Each is read from the environment variable the original Python SDK reads (named in its
/// documentation), or from the command line (<c>--port 9091</c>), and can be set in code through
/// <c>AddLabelStudioMLBackend&lt;TModel&gt;(options =&gt; …)</c>, which wins over both.
/// </summary>
public sealed class LabelStudioMLOptions
{
    /// <summary>The default request body limit: 100 MiB.</summary>
    public const long DefaultMaxRequestBodySize = 100L * 1024 * 1024;

    /// <summary>The name <c>/health</c> reports as <c>model_class</c>; defaults to the model class's simple name.</summary>
    public string? ModelClassName { get; set; }

    /// <summary><c>MODEL_DIR</c> (or <c>--model-dir</c>): where <c>cache.db</c> and model artifacts live. Default <c>.</c>.</summary>
    public string ModelDir { get; set; } = ".";

    /// <summary><c>HOST</c> (or <c>--host</c>): the address to listen on. Default <c>0.0.0.0</c> (every interface, as in a container).</summary>
    public string Host { get; set; } = "0.0.0.0";

    /// <summary><c>PORT</c> (or <c>--port</c>): the port to listen on. Default 9090; 0 picks a free port.</summary>
    public int Port { get; set; } = 9090;

    /// <summary>
    /// <c>BASIC_AUTH_USER</c> (or <c>--basic-auth-user</c>, <c>ML_SERVER_BASIC_AUTH_USER</c>): with
    /// <see cref="BasicAuthPass"/>, every request must carry these HTTP basic credentials.
    /// </summary>
    public string? BasicAuthUser { get; set; }

    /// <summary><c>BASIC_AUTH_PASS</c> (or <c>--basic-auth-pass</c>, <c>ML_SERVER_BASIC_AUTH_PASS</c>). Never logged.</summary>
    public string? BasicAuthPass { get; set; }

    /// <summary>Whether basic auth is on: both a user name and a password are set.</summary>
    public bool BasicAuthEnabled => !string.IsNullOrEmpty(BasicAuthUser) && !string.IsNullOrEmpty(BasicAuthPass);

    /// <summary><c>LOG_LEVEL</c> (or <c>--log-level</c>): <c>DEBUG</c>, <c>INFO</c> (default), <c>WARNING</c> or <c>ERROR</c>.</summary>
    public string LogLevel { get; set; } = "INFO";

    /// <summary>
    /// <c>LOG_FORMAT</c>: <c>text</c> (default) for the console's one-line messages, <c>json</c> for one JSON object a
    /// line with the scopes (project, tasks, model version) as fields, for containers whose logs are collected.
    /// </summary>
    public string LogFormat { get; set; } = "text";

    /// <summary>
    /// <c>SHUTDOWN_DRAIN_SECONDS</c>: on a graceful stop, how long the backend keeps serving while <c>/ready</c> answers
    /// 503, so that a load balancer stops sending requests before the port closes. Default 0 (stop at once).
    /// </summary>
    public TimeSpan ShutdownDrain { get; set; } = TimeSpan.Zero;

    /// <summary>
    /// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>: where traces are exported over OTLP, e.g. <c>http://otel-collector:4317</c>.
    /// Unset (default): tracing is off and costs nothing.
    /// </summary>
    public string? OtlpEndpoint { get; set; }

    /// <summary><c>OTEL_EXPORTER_OTLP_PROTOCOL</c>: <c>grpc</c> (default) or <c>http/protobuf</c>.</summary>
    public string OtlpProtocol { get; set; } = "grpc";

    /// <summary><c>TRAINING_MODE</c>: how training events run; <c>background</c> (default) or <c>sync</c>. See <see cref="ML.TrainingMode"/>.</summary>
    public TrainingMode TrainingMode { get; set; } = TrainingMode.Background;

    /// <summary>
    /// <c>TRAINING_MAX_PARALLEL</c>: how many projects may train at the same time (each project trains one job at a
    /// time). Default: half the processors, at least 1.
    /// </summary>
    public int TrainingMaxParallel { get; set; } = Math.Max(1, Environment.ProcessorCount / 2);

    /// <summary>
    /// <c>TRAINING_DEBOUNCE_MS</c>: how long a queued job waits after its latest event before it starts, so that a
    /// burst of annotations folds into one job. Default 500 ms.
    /// </summary>
    public TimeSpan TrainingDebounce { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary><c>TRAINING_JOB_TIMEOUT_SECONDS</c>: a job running longer is cancelled and fails. Default one hour; 0 means no limit.</summary>
    public TimeSpan TrainingJobTimeout { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// <c>TRAINING_SHUTDOWN_TIMEOUT_SECONDS</c>: on a graceful stop (SIGTERM), how long a running job may still
    /// finish before it is cancelled and put back in the queue for the next start. Default 30 s.
    /// </summary>
    public TimeSpan TrainingShutdownTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// <c>TRAINING_INTERRUPTED_JOBS</c>: what a start does with jobs a killed process left running: <c>requeue</c>
    /// (default) runs them again, <c>fail</c> marks them failed with the reason.
    /// </summary>
    public bool RequeueInterruptedJobs { get; set; } = true;

    /// <summary>
    /// <c>MAX_CONCURRENT_PREDICTIONS</c>: how many predictions (requests, or batches when batching) run at once.
    /// Default: twice the processors, at least 4.
    /// </summary>
    public int MaxConcurrentPredictions { get; set; } = Math.Max(4, Environment.ProcessorCount * 2);

    /// <summary><c>MAX_QUEUED_PREDICTIONS</c>: how many more may wait for a slot; beyond that, 503 with <c>Retry-After</c> at once. Default 128.</summary>
    public int MaxQueuedPredictions { get; set; } = 128;

    /// <summary><c>PREDICT_QUEUE_TIMEOUT_MS</c>: how long a prediction may wait for a slot before it gets 503. Default 5000 ms.</summary>
    public TimeSpan PredictQueueTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// <c>PREDICT_TIMEOUT_SECONDS</c>: a prediction running longer is cancelled through its <c>CancellationToken</c> and
    /// answered 504. Default 100 s, Label Studio's own limit; 0 means no limit.
    /// </summary>
    public TimeSpan PredictTimeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>
    /// <c>BATCHING</c>: <c>auto</c> (default) batches for models marked <see cref="AdaptiveBatchingAttribute"/>;
    /// <c>off</c> never batches.
    /// </summary>
    public bool BatchingEnabled { get; set; } = true;

    /// <summary><c>BATCH_MAX_SIZE</c>: the most tasks in one batched model call; overrides the model's attribute.</summary>
    public int? BatchMaxSize { get; set; }

    /// <summary><c>BATCH_MAX_WAIT_MS</c>: the longest a request waits for others to join its batch; overrides the model's attribute.</summary>
    public TimeSpan? BatchMaxWait { get; set; }

    /// <summary>
    /// <c>BATCH_MAX_CONCURRENT</c>: how many batched model calls run at once. Default: half the processors, at least
    /// 1 — a batched model already uses the cores within one call, and waiting calls make the next batch larger.
    /// </summary>
    public int BatchMaxConcurrent { get; set; } = Math.Max(1, Environment.ProcessorCount / 2);

    /// <summary><c>ARTIFACT_VERSIONS_KEPT</c>: how many model versions of a project stay on disk (at least 2). Default 3.</summary>
    public int ArtifactVersionsKept { get; set; } = 3;

    /// <summary>
    /// <c>CACHE_TYPE</c>: the state store and training queue; <c>sqlite</c> (default) keeps them in <c>$MODEL_DIR/cache.db</c>
    /// for one process; <c>redis</c> shares them between replicas on <see cref="RedisUrl"/> (needs the LabelStudio.ML.Redis package).
    /// </summary>
    public string CacheType { get; set; } = "sqlite";

    /// <summary><c>REDIS_URL</c>: the Redis server of <c>CACHE_TYPE=redis</c>, as <c>redis://[:password@]host[:port][/db]</c>. Never logged with its password.</summary>
    public string? RedisUrl { get; set; }

    /// <summary><c>MAX_REQUEST_BODY_SIZE</c>: the largest request body accepted, in bytes (default 100 MiB); larger ones get 413.</summary>
    public long MaxRequestBodySize { get; set; } = DefaultMaxRequestBodySize;
}
