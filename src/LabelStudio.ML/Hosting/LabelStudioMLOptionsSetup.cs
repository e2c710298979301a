using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace LabelStudio.ML;

/// <summary>
/// Reads <see cref="LabelStudioMLOptions"/> from configuration: environment variables under the original SDK's
/// names, and command-line switches (<c>--port</c>, <c>--model-dir</c>, …), which configuration sees under the same
/// case-insensitive keys.
/// </summary>
internal sealed class LabelStudioMLOptionsSetup(IConfiguration configuration) : IConfigureOptions<LabelStudioMLOptions>
{
    public void Configure(LabelStudioMLOptions options)
    {
        options.ModelDir = configuration.First("model-dir", "MODEL_DIR") ?? options.ModelDir;
        options.Host = configuration.First("host") ?? options.Host;
        options.Port = ParsePort(configuration.First("port", "PORT")) ?? options.Port;
        // The launcher's explicit switches win over ML_SERVER_* (their defaults), which win over BASIC_AUTH_* (SPEC §3.1).
        options.BasicAuthUser = configuration.First("basic-auth-user", "ML_SERVER_BASIC_AUTH_USER", "BASIC_AUTH_USER") ?? options.BasicAuthUser;
        options.BasicAuthPass = configuration.First("basic-auth-pass", "ML_SERVER_BASIC_AUTH_PASS", "BASIC_AUTH_PASS") ?? options.BasicAuthPass;
        options.LogLevel = configuration.First("log-level", "LOG_LEVEL") ?? options.LogLevel;
        options.LogFormat = configuration.First("log-format", "LOG_FORMAT")?.ToLowerInvariant() switch
        {
            null => options.LogFormat,
            "text" or "json" => configuration.First("log-format", "LOG_FORMAT")!.ToLowerInvariant(),
            var other => throw Invalid("LOG_FORMAT", $"LOG_FORMAT must be 'text' or 'json', got '{other}'."),
        };
        options.ShutdownDrain = ParseWhole("SHUTDOWN_DRAIN_SECONDS", 0, 3_600) is { } drain ? TimeSpan.FromSeconds(drain) : options.ShutdownDrain;
        options.OtlpEndpoint = configuration.First("OTEL_EXPORTER_OTLP_ENDPOINT") is { Length: > 0 } otlp ? otlp : options.OtlpEndpoint;
        options.OtlpProtocol = configuration.First("OTEL_EXPORTER_OTLP_PROTOCOL")?.ToLowerInvariant() switch
        {
            null => options.OtlpProtocol,
            "grpc" or "http/protobuf" => configuration.First("OTEL_EXPORTER_OTLP_PROTOCOL")!.ToLowerInvariant(),
            var other => throw Invalid("OTEL_EXPORTER_OTLP_PROTOCOL", $"OTEL_EXPORTER_OTLP_PROTOCOL must be 'grpc' or 'http/protobuf', got '{other}'."),
        };
        options.CacheType = configuration.First("CACHE_TYPE") ?? options.CacheType;
        options.RedisUrl = configuration.First("REDIS_URL") ?? options.RedisUrl;
        options.TrainingMode = ParseTrainingMode(configuration.First("TRAINING_MODE")) ?? options.TrainingMode;
        options.MaxRequestBodySize = ParseSize(configuration.First("MAX_REQUEST_BODY_SIZE")) ?? options.MaxRequestBodySize;
        options.TrainingMaxParallel = (int?)ParseWhole("TRAINING_MAX_PARALLEL", 1, 1024) ?? options.TrainingMaxParallel;
        options.TrainingDebounce = ParseWhole("TRAINING_DEBOUNCE_MS", 0, 3_600_000) is { } debounce ? TimeSpan.FromMilliseconds(debounce) : options.TrainingDebounce;
        options.TrainingJobTimeout = ParseWhole("TRAINING_JOB_TIMEOUT_SECONDS", 0, 31_536_000) is { } timeout ? TimeSpan.FromSeconds(timeout) : options.TrainingJobTimeout;
        options.TrainingShutdownTimeout = ParseWhole("TRAINING_SHUTDOWN_TIMEOUT_SECONDS", 0, 86_400) is { } shutdown ? TimeSpan.FromSeconds(shutdown) : options.TrainingShutdownTimeout;
        options.ArtifactVersionsKept = (int?)ParseWhole("ARTIFACT_VERSIONS_KEPT", 2, 10_000) ?? options.ArtifactVersionsKept;
        options.MaxConcurrentPredictions = (int?)ParseWhole("MAX_CONCURRENT_PREDICTIONS", 1, 100_000) ?? options.MaxConcurrentPredictions;
        options.MaxQueuedPredictions = (int?)ParseWhole("MAX_QUEUED_PREDICTIONS", 0, 1_000_000) ?? options.MaxQueuedPredictions;
        options.PredictQueueTimeout = ParseWhole("PREDICT_QUEUE_TIMEOUT_MS", 0, 3_600_000) is { } queueTimeout ? TimeSpan.FromMilliseconds(queueTimeout) : options.PredictQueueTimeout;
        options.PredictTimeout = ParseWhole("PREDICT_TIMEOUT_SECONDS", 0, 86_400) is { } predictTimeout ? TimeSpan.FromSeconds(predictTimeout) : options.PredictTimeout;
        options.BatchMaxSize = (int?)ParseWhole("BATCH_MAX_SIZE", 1, 100_000) ?? options.BatchMaxSize;
        options.BatchMaxConcurrent = (int?)ParseWhole("BATCH_MAX_CONCURRENT", 1, 1024) ?? options.BatchMaxConcurrent;
        options.BatchMaxWait = ParseWhole("BATCH_MAX_WAIT_MS", 0, 60_000) is { } batchWait ? TimeSpan.FromMilliseconds(batchWait) : options.BatchMaxWait;
        options.BatchingEnabled = configuration.First("BATCHING")?.ToUpperInvariant() switch
        {
            null => options.BatchingEnabled,
            "AUTO" or "ON" => true,
            "OFF" => false,
            var other => throw Invalid("BATCHING", $"BATCHING must be 'auto' or 'off', got '{other}'."),
        };
        options.RequeueInterruptedJobs = configuration.First("TRAINING_INTERRUPTED_JOBS")?.ToUpperInvariant() switch
        {
            null => options.RequeueInterruptedJobs,
            "REQUEUE" => true,
            "FAIL" => false,
            var other => throw Invalid("TRAINING_INTERRUPTED_JOBS", $"TRAINING_INTERRUPTED_JOBS must be 'requeue' or 'fail', got '{other}'."),
        };
    }

    private long? ParseWhole(string name, long minimum, long maximum)
    {
        var text = configuration.First(name);
        return text is null
            ? null
            : long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= minimum && value <= maximum
                ? value
                : throw Invalid(name, $"{name} must be a whole number from {minimum} to {maximum}, got '{text}'.");
    }

    private static OptionsValidationException Invalid(string name, string message) =>
        new(name, typeof(LabelStudioMLOptions), [message]);

    private static int? ParsePort(string? text) => text is null
        ? null
        : int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is >= 0 and <= 65535
            ? port
            : throw new OptionsValidationException("PORT", typeof(LabelStudioMLOptions), [$"PORT must be a whole number from 0 to 65535, got '{text}'."]);

    private static long? ParseSize(string? text) => text is null
        ? null
        : long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var size) && size > 0
            ? size
            : throw new OptionsValidationException("MAX_REQUEST_BODY_SIZE", typeof(LabelStudioMLOptions), [$"MAX_REQUEST_BODY_SIZE must be a positive number of bytes, got '{text}'."]);

    private static TrainingMode? ParseTrainingMode(string? text) => text?.ToUpperInvariant() switch
    {
        null => null,
        "SYNC" => TrainingMode.Sync,
        "BACKGROUND" => TrainingMode.Background,
        _ => throw new OptionsValidationException("TRAINING_MODE", typeof(LabelStudioMLOptions), [$"TRAINING_MODE must be 'background' or 'sync', got '{text}'."]),
    };
}
