using System.Diagnostics;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LabelStudio.ML.Redis;

/// <summary>
/// What <c>CACHE_TYPE=redis</c> loads (by name, from the core): the connection, the shared state store and training
/// queue, and the subscription to the model versions other replicas publish (logged, and warmed up at once).
/// </summary>
internal sealed class RedisScaleOutPlugin : IScaleOutPlugin, IDisposable
{
    private readonly RedisConnection _redis;
    private readonly RedisSettings _settings;
    private readonly ILogger _logger;
    private IServiceProvider? _services;

    public RedisScaleOutPlugin(IOptions<LabelStudioMLOptions> options, IConfiguration configuration, ILogger<RedisScaleOutPlugin> logger)
    {
        _settings = RedisSettings.Read(configuration);
        _logger = logger;
        _redis = new RedisConnection(options.Value.RedisUrl!, _settings.KeyPrefix, _settings.Replica);
        RedisLog.Connecting(logger, _redis.Address, _settings.Replica, _settings.KeyPrefix);
        try
        {
            _redis.Subscriber.Subscribe(_redis.Channel(VersionSignal.Channel), (_, message) => OnVersion(message));
        }
        catch (Exception ex) when (RedisConnection.IsUnavailable(ex))
        {
            // Versions are read per request anyway; the signal only makes the log say so sooner.
            RedisLog.Unavailable(logger, _redis.Address, ex.Message);
        }
    }

    public IStateStore CreateStateStore(IServiceProvider services)
    {
        // Kept to reach the model factory when another replica announces a version.
        _services = services;
        return new RedisStateStore(_redis);
    }

    public ITrainingQueue CreateTrainingQueue(IServiceProvider services) =>
        ActivatorUtilities.CreateInstance<RedisTrainingQueue>(services, _redis, _settings);

    public async Task<JsonObject> ProbeAsync(CancellationToken cancellationToken)
    {
        var probe = new JsonObject { ["type"] = "redis", ["address"] = _redis.Address, ["replica"] = _settings.Replica };
        var started = Stopwatch.GetTimestamp();
        try
        {
            await _redis.Database.PingAsync().ConfigureAwait(false);
            probe["connected"] = true;
            probe["ping_ms"] = Math.Round(Stopwatch.GetElapsedTime(started).TotalMilliseconds, 2);
        }
        catch (Exception ex) when (RedisConnection.IsUnavailable(ex))
        {
            probe["connected"] = false;
            probe["error"] = _redis.Unavailable(ex).Message;
        }

        return probe;
    }

    public void Dispose() => _redis.Dispose();

    private void OnVersion(StackExchange.Redis.RedisValue message)
    {
        if (VersionSignal.Parse(message) is { } signal && signal.Replica != _settings.Replica)
        {
            RedisLog.VersionPublished(_logger, signal.ProjectId, signal.Version, signal.Replica);
            // Load the new version now, in the background; predictions keep the previous one until it is ready.
            _ = _services?.GetService<ModelFactory>()?.PrepareVersionAsync(signal.ProjectId, signal.Version);
        }
    }
}
