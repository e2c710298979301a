using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace LabelStudio.ML.Redis;

/// <summary>The settings only replicas on Redis have, read from the environment.</summary>
internal sealed class RedisSettings
{
    public const string DefaultPrefix = "lsml:";

    /// <summary><c>REDIS_KEY_PREFIX</c>: what every key and channel starts with, so several backends can share one Redis. Default <c>lsml:</c>.</summary>
    public string KeyPrefix { get; init; } = DefaultPrefix;

    /// <summary>
    /// <c>TRAINING_LEASE_MS</c>: how long a replica's claim on a running job lasts without renewal (renewed every third
    /// of it while the job runs). A replica that dies loses its jobs to another after this long. Default 30 s.
    /// </summary>
    public TimeSpan TrainingLease { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary><c>REPLICA_NAME</c>: this process's name among the replicas; default host name and process id (the pod name in Kubernetes).</summary>
    public string Replica { get; init; } = $"{Environment.MachineName}:{Environment.ProcessId}";

    public static RedisSettings Read(IConfiguration configuration)
    {
        var settings = new RedisSettings();
        var lease = configuration["TRAINING_LEASE_MS"];
        if (lease is not null && !(long.TryParse(lease, NumberStyles.None, CultureInfo.InvariantCulture, out var leaseMs) && leaseMs is >= 500 and <= 3_600_000))
        {
            throw new OptionsValidationException("TRAINING_LEASE_MS", typeof(RedisSettings), [$"TRAINING_LEASE_MS must be a whole number from 500 to 3600000, got '{lease}'."]);
        }

        return new RedisSettings
        {
            KeyPrefix = configuration["REDIS_KEY_PREFIX"] is { Length: > 0 } prefix ? prefix : settings.KeyPrefix,
            TrainingLease = lease is null ? settings.TrainingLease : TimeSpan.FromMilliseconds(long.Parse(lease, CultureInfo.InvariantCulture)),
            Replica = configuration["REPLICA_NAME"] is { Length: > 0 } replica ? replica : settings.Replica,
        };
    }
}
