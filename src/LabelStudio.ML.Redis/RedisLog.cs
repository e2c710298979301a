using Microsoft.Extensions.Logging;

namespace LabelStudio.ML.Redis;

/// <summary>The log messages of the Redis package.</summary>
internal static partial class RedisLog
{
    [LoggerMessage(200, LogLevel.Information, "State and training queue on Redis at {Address}: this replica is '{Replica}', keys start with '{Prefix}'")]
    public static partial void Connecting(ILogger logger, string address, string replica, string prefix);

    [LoggerMessage(201, LogLevel.Warning, "Redis at {Address} is unreachable: {Reason}; the backend keeps trying")]
    public static partial void Unavailable(ILogger logger, string address, string reason);

    [LoggerMessage(202, LogLevel.Information, "Redis at {Address} answers again")]
    public static partial void Recovered(ILogger logger, string address);

    [LoggerMessage(203, LogLevel.Information, "Project '{ProjectId}' is now at model version {Version} (trained on replica '{Replica}'); this replica serves it from its next request")]
    public static partial void VersionPublished(ILogger logger, string projectId, string version, string replica);

    [LoggerMessage(204, LogLevel.Warning, "Training job {JobId} of project '{ProjectId}': this replica lost its lease (another replica took the job over); its outcome is dropped")]
    public static partial void LeaseLost(ILogger logger, string jobId, string projectId);

    [LoggerMessage(205, LogLevel.Warning, "Training job {JobId} of project '{ProjectId}' was running on a replica that stopped; {Outcome}")]
    public static partial void TakenOver(ILogger logger, string jobId, string projectId, string outcome);
}
