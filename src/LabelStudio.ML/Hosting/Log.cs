using Microsoft.Extensions.Logging;

namespace LabelStudio.ML;

/// <summary>Every log message of the SDK, source-generated (no formatting cost when the level is off).</summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Warning, "No label config came with the request for project '{ProjectId}'; the stored one is used if there is one.")]
    public static partial void NoLabelConfig(ILogger logger, string projectId);

    [LoggerMessage(2, LogLevel.Error, "{Method} {Path} failed with {Status}: {Detail}")]
    public static partial void RequestFailed(ILogger logger, Exception exception, string method, string path, int status, string detail);

    [LoggerMessage(3, LogLevel.Warning, "{Method} {Path} rejected with {Status}: {Detail}")]
    public static partial void RequestRejected(ILogger logger, string method, string path, int status, string detail);

    [LoggerMessage(4, LogLevel.Warning, "Unauthorized {Method} {Path}: the request carries no valid basic-auth credentials.")]
    public static partial void Unauthorized(ILogger logger, string method, string path);

    [LoggerMessage(5, LogLevel.Warning,
        "A webhook was refused for lack of credentials. Label Studio's automatic project webhook sends none: in Label Studio open " +
        "Settings → Webhooks, edit the webhook to this backend and add the header 'Authorization: Basic <base64 of user:password>', " +
        "or training events never reach the model.")]
    public static partial void WebhookNeedsCredentials(ILogger logger);

    [LoggerMessage(6, LogLevel.Information, "Predicted {Tasks} task(s) for project '{ProjectId}' in {ElapsedMs:F1} ms{Interactive}")]
    public static partial void Predicted(ILogger logger, int tasks, string projectId, double elapsedMs, string interactive);

    [LoggerMessage(7, LogLevel.Information, "Training event {Action} for project '{ProjectId}' handled in {ElapsedMs:F1} ms")]
    public static partial void Trained(ILogger logger, string action, string projectId, double elapsedMs);

    [LoggerMessage(8, LogLevel.Debug, "Request {Method} {Path} headers: {Headers}")]
    public static partial void RequestHeaders(ILogger logger, string method, string path, string headers);

    [LoggerMessage(9, LogLevel.Information,
        "Serving {ModelClass} on {Addresses}: MODEL_DIR={ModelDir}, state store {StorePath}, basic auth {BasicAuth}, training {TrainingMode}, LOG_LEVEL={LogLevel}, request body limit {MaxBody} bytes")]
    public static partial void Started(ILogger logger, string modelClass, string addresses, string modelDir, string storePath, string basicAuth, string trainingMode, string logLevel, long maxBody);

    [LoggerMessage(12, LogLevel.Information, "Effective settings (secrets masked): {Settings}")]
    public static partial void EffectiveSettings(ILogger logger, string settings);

    [LoggerMessage(13, LogLevel.Information, "Shutting down: draining for {Seconds} s (SHUTDOWN_DRAIN_SECONDS) while /ready answers 503")]
    public static partial void Draining(ILogger logger, double seconds);

    [LoggerMessage(10, LogLevel.Debug, "{Method} {Path} cancelled: the client went away.")]
    public static partial void ClientGone(ILogger logger, string method, string path);

    [LoggerMessage(11, LogLevel.Information, "Project '{ProjectId}' set up, model version {ModelVersion}")]
    public static partial void SetUp(ILogger logger, string projectId, string modelVersion);

    [LoggerMessage(20, LogLevel.Information, "Training job {JobId} queued for project '{ProjectId}' ({Action})")]
    public static partial void JobQueued(ILogger logger, string jobId, string projectId, string action);

    [LoggerMessage(21, LogLevel.Debug, "{Action} folded into training job {JobId} of project '{ProjectId}' ({Events} events)")]
    public static partial void JobFolded(ILogger logger, string action, string jobId, string projectId, int events);

    [LoggerMessage(22, LogLevel.Information, "Training job {JobId} of project '{ProjectId}' started: {Events} event(s), attempt {Attempt}")]
    public static partial void JobStarted(ILogger logger, string jobId, string projectId, int events, int attempt);

    [LoggerMessage(23, LogLevel.Information, "Training job {JobId} of project '{ProjectId}' at {Percent:F0}% {Message}")]
    public static partial void JobProgress(ILogger logger, string jobId, string projectId, double percent, string message);

    [LoggerMessage(24, LogLevel.Information, "Training job {JobId} of project '{ProjectId}' {State} after {Seconds:F2} s; model version {ModelVersion}")]
    public static partial void JobEnded(ILogger logger, string jobId, string projectId, string state, double seconds, string modelVersion);

    [LoggerMessage(25, LogLevel.Error, "Training job {JobId} of project '{ProjectId}' failed")]
    public static partial void JobFailed(ILogger logger, Exception exception, string jobId, string projectId);

    [LoggerMessage(26, LogLevel.Information, "Training job {JobId} of project '{ProjectId}' cancelled before it started")]
    public static partial void JobCancelled(ILogger logger, string jobId, string projectId);

    [LoggerMessage(27, LogLevel.Warning, "Training job {JobId} of project '{ProjectId}' was running when the server stopped: {Outcome}")]
    public static partial void JobInterrupted(ILogger logger, string jobId, string projectId, string outcome);

    [LoggerMessage(28, LogLevel.Information, "Removed {Count} unfinished model draft(s) left by a stopped process")]
    public static partial void DraftsRemoved(ILogger logger, int count);

    [LoggerMessage(29, LogLevel.Information, "Waiting up to {Seconds} s for {Count} running training job(s) to finish")]
    public static partial void WaitingForJobs(ILogger logger, int count, double seconds);

    [LoggerMessage(30, LogLevel.Debug, "Batched {Requests} request(s) with {Tasks} task(s) of project '{ProjectId}' into one model call")]
    public static partial void Batched(ILogger logger, int requests, int tasks, string projectId);

    [LoggerMessage(32, LogLevel.Debug, "{ModelClass} answered {Tasks} task(s) in {ElapsedMs:F1} ms")]
    public static partial void ModelAnswered(ILogger logger, string modelClass, int tasks, double elapsedMs);

    [LoggerMessage(31, LogLevel.Warning, "A batched model call of {Requests} request(s) failed; predicting each request alone")]
    public static partial void BatchFailed(ILogger logger, Exception exception, int requests);

    [LoggerMessage(100, LogLevel.Information, "Label Studio at {Url} answered and accepted the {TokenKind} token")]
    public static partial void LabelStudioAnswered(ILogger logger, string url, string tokenKind);

    [LoggerMessage(101, LogLevel.Warning, "Label Studio at {Url} cannot serve task data: {Problem}")]
    public static partial void LabelStudioCheckFailed(ILogger logger, string url, string problem);

    [LoggerMessage(102, LogLevel.Warning,
        "LABEL_STUDIO_URL {Url} names this machine: inside a Docker container that is the container itself, not Label Studio; use an address of Label Studio's host the container can reach.")]
    public static partial void LabelStudioOnLocalhost(ILogger logger, string url);

    [LoggerMessage(103, LogLevel.Debug, "Downloaded {Url} to {Path} ({Bytes} bytes) in {ElapsedMs:F1} ms")]
    public static partial void Downloaded(ILogger logger, string url, string path, long bytes, double elapsedMs);

    [LoggerMessage(104, LogLevel.Debug, "Exchanged the personal access token at {Url} for an access token ({Expiry})")]
    public static partial void AccessTokenRefreshed(ILogger logger, string url, string expiry);

    [LoggerMessage(120, LogLevel.Debug, "The state store is unreachable; project '{ProjectId}' is served with model version {Version}, the last one seen: {Reason}")]
    public static partial void StateStoreDown(ILogger logger, string projectId, string version, string reason);

    [LoggerMessage(40, LogLevel.Information, "Project '{ProjectId}' model version {ModelVersion} warmed up in {ElapsedMs:F0} ms; predictions use it from now on")]
    public static partial void VersionWarmedUp(ILogger logger, string projectId, string modelVersion, double elapsedMs);

    [LoggerMessage(41, LogLevel.Warning, "Warming up model version {ModelVersion} of project '{ProjectId}' failed; predictions keep the previous version")]
    public static partial void VersionWarmUpFailed(ILogger logger, Exception exception, string projectId, string modelVersion);
}
