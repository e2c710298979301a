using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace LabelStudio.ML;

/// <summary>
/// The settings a backend runs with, read from configuration (environment and command line) by the same code the
/// server uses, each under its environment variable name, with secrets masked. Shown by
/// <c>label-studio-ml config show</c> and logged once at start.
/// </summary>
internal static class EffectiveSettings
{
    /// <summary>How much is masked.</summary>
    public enum Masking
    {
        /// <summary>Secrets (passwords, API keys, the password of a URL) show as <c>***</c>; the rest as is.</summary>
        Secrets,

        /// <summary>
        /// Also what names a person or a machine — the basic-auth user and the host of every URL — for pasting the
        /// output into a public issue.
        /// </summary>
        Shareable,
    }

    /// <summary>Binds the options from <paramref name="configuration"/> as the server does; throws what the server would at start.</summary>
    /// <exception cref="OptionsValidationException">A setting is malformed (the message names it).</exception>
    public static (LabelStudioMLOptions Backend, LabelStudioConnectionOptions Connection) Bind(IConfiguration configuration)
    {
        var backend = new LabelStudioMLOptions();
        new LabelStudioMLOptionsSetup(configuration).Configure(backend);
        var validation = new LabelStudioMLOptionsValidator().Validate(null, backend);
        if (validation.Failed)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(LabelStudioMLOptions), validation.Failures);
        }

        var connection = new LabelStudioConnectionOptions();
        new LabelStudioConnectionOptionsSetup(configuration, Options.Create(backend)).Configure(connection);
        return (backend, connection);
    }

    /// <summary>Every setting as (environment variable, value shown), in a stable order.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Describe(LabelStudioMLOptions backend, LabelStudioConnectionOptions connection, Masking masking)
    {
        var shareable = masking == Masking.Shareable;
        string Secret(string? value) => string.IsNullOrEmpty(value) ? "(not set)" : "***";
        string Identity(string? value) => string.IsNullOrEmpty(value) ? "(not set)" : shareable ? "***" : value;
        string Url(string? value) => string.IsNullOrEmpty(value) ? "(not set)" : shareable ? HideHost(value) : UrlRedaction.Redact(value);
        static string Seconds(TimeSpan value) => value.TotalSeconds.ToString(CultureInfo.InvariantCulture);
        static string Millis(TimeSpan value) => value.TotalMilliseconds.ToString(CultureInfo.InvariantCulture);
        static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
        static string Flag(bool value) => value ? "true" : "false";

        return
        [
            new("MODEL_DIR", Path.GetFullPath(backend.ModelDir)),
            new("HOST", backend.Host),
            new("PORT", Number(backend.Port)),
            new("BASIC_AUTH_USER", Identity(backend.BasicAuthUser)),
            new("BASIC_AUTH_PASS", Secret(backend.BasicAuthPass)),
            new("LOG_LEVEL", backend.LogLevel),
            new("LOG_FORMAT", backend.LogFormat),
            new("CACHE_TYPE", backend.CacheType),
            new("REDIS_URL", Url(backend.RedisUrl)),
            new("TRAINING_MODE", backend.TrainingMode.ToString().ToLowerInvariant()),
            new("TRAINING_MAX_PARALLEL", Number(backend.TrainingMaxParallel)),
            new("TRAINING_DEBOUNCE_MS", Millis(backend.TrainingDebounce)),
            new("TRAINING_JOB_TIMEOUT_SECONDS", Seconds(backend.TrainingJobTimeout)),
            new("TRAINING_SHUTDOWN_TIMEOUT_SECONDS", Seconds(backend.TrainingShutdownTimeout)),
            new("TRAINING_INTERRUPTED_JOBS", backend.RequeueInterruptedJobs ? "requeue" : "fail"),
            new("ARTIFACT_VERSIONS_KEPT", Number(backend.ArtifactVersionsKept)),
            new("MAX_CONCURRENT_PREDICTIONS", Number(backend.MaxConcurrentPredictions)),
            new("MAX_QUEUED_PREDICTIONS", Number(backend.MaxQueuedPredictions)),
            new("PREDICT_QUEUE_TIMEOUT_MS", Millis(backend.PredictQueueTimeout)),
            new("PREDICT_TIMEOUT_SECONDS", Seconds(backend.PredictTimeout)),
            new("BATCHING", backend.BatchingEnabled ? "auto" : "off"),
            new("BATCH_MAX_SIZE", backend.BatchMaxSize is { } size ? Number(size) : "(the model's)"),
            new("BATCH_MAX_WAIT_MS", backend.BatchMaxWait is { } wait ? Millis(wait) : "(the model's)"),
            new("BATCH_MAX_CONCURRENT", Number(backend.BatchMaxConcurrent)),
            new("MAX_REQUEST_BODY_SIZE", Number(backend.MaxRequestBodySize)),
            new("SHUTDOWN_DRAIN_SECONDS", Seconds(backend.ShutdownDrain)),
            new("OTEL_EXPORTER_OTLP_ENDPOINT", Url(backend.OtlpEndpoint)),
            new("OTEL_EXPORTER_OTLP_PROTOCOL", backend.OtlpProtocol),
            new("LABEL_STUDIO_URL", Url(connection.Url)),
            new("LABEL_STUDIO_API_KEY", Secret(connection.ApiKey)),
            new("LABEL_STUDIO_VERIFY_SSL", Flag(connection.VerifySsl)),
            new("LOCAL_FILES_DOCUMENT_ROOT", connection.LocalFilesDocumentRoot ?? "(not set)"),
            new("TASK_DATA_CACHE_DIR", connection.CacheDir is null ? "(not set)" : Path.GetFullPath(connection.CacheDir)),
            new("TASK_DATA_MAX_FILE_SIZE", Number(connection.MaxFileSize)),
            new("TASK_DATA_TIMEOUT", Seconds(connection.Timeout)),
            new("TASK_DATA_ALLOW_METADATA_ADDRESSES", Flag(connection.AllowMetadataAddresses)),
            new("TASK_DATA_ALLOWED_ROOTS", connection.AllowedRoots.Count == 0 ? "(not set)" : string.Join(Path.PathSeparator, connection.AllowedRoots)),
        ];
    }

    /// <summary>The settings on one line, <c>NAME=value</c> separated by spaces, for the start-up log.</summary>
    public static string OneLine(IReadOnlyList<KeyValuePair<string, string>> settings) =>
        string.Join(' ', settings.Select(setting => $"{setting.Key}={setting.Value}"));

    /// <summary>Keeps a URL's scheme, port and path; the host and any credentials become <c>***</c>.</summary>
    private static string HideHost(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
        {
            return "***";
        }

        var port = uri.IsDefaultPort ? string.Empty : ":" + uri.Port.ToString(CultureInfo.InvariantCulture);
        return $"{uri.Scheme}://***{port}{(uri.AbsolutePath == "/" ? string.Empty : uri.AbsolutePath)}";
    }
}
