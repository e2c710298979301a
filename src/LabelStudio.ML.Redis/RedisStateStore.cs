using StackExchange.Redis;

namespace LabelStudio.ML.Redis;

/// <summary>
/// The per-project state on Redis: one hash per project (<c>&lt;prefix&gt;state:&lt;project&gt;</c>), every read a
/// round trip, so no replica ever serves a value older than the last write. A new model version is also announced
/// on the <c>versions</c> channel, so every replica learns of it at once.
/// </summary>
internal sealed class RedisStateStore(RedisConnection redis) : IStateStore
{
    public string? Get(string projectId, string key)
    {
        Check(projectId, key);
        return redis.Run(db => (string?)db.HashGet(StateKey(projectId), key));
    }

    public IReadOnlyDictionary<string, string> GetAll(string projectId)
    {
        ArgumentNullException.ThrowIfNull(projectId);
        var entries = redis.Run(db => db.HashGetAll(StateKey(projectId)));
        return entries.ToDictionary(entry => entry.Name.ToString(), entry => entry.Value.ToString(), StringComparer.Ordinal);
    }

    public void Set(string projectId, string key, string value)
    {
        Check(projectId, key);
        ArgumentNullException.ThrowIfNull(value);
        redis.Run(db => db.HashSet(StateKey(projectId), key, value));
        Announce(projectId, key, value);
    }

    public bool Remove(string projectId, string key)
    {
        Check(projectId, key);
        return redis.Run(db => db.HashDelete(StateKey(projectId), key));
    }

    public async ValueTask<string?> GetAsync(string projectId, string key, CancellationToken cancellationToken = default)
    {
        Check(projectId, key);
        cancellationToken.ThrowIfCancellationRequested();
        return await redis.RunAsync(async db => (string?)await db.HashGetAsync(StateKey(projectId), key).ConfigureAwait(false)).ConfigureAwait(false);
    }

    public async ValueTask SetAsync(string projectId, string key, string value, CancellationToken cancellationToken = default)
    {
        Check(projectId, key);
        ArgumentNullException.ThrowIfNull(value);
        cancellationToken.ThrowIfCancellationRequested();
        await redis.RunAsync(db => db.HashSetAsync(StateKey(projectId), key, value)).ConfigureAwait(false);
        Announce(projectId, key, value);
    }

    public async ValueTask<bool> RemoveAsync(string projectId, string key, CancellationToken cancellationToken = default)
    {
        Check(projectId, key);
        cancellationToken.ThrowIfCancellationRequested();
        return await redis.RunAsync(db => db.HashDeleteAsync(StateKey(projectId), key)).ConfigureAwait(false);
    }

    public override string ToString() => $"Redis at {redis.Address} (keys '{redis.Prefix}state:*')";

    private RedisKey StateKey(string projectId) => redis.Key("state:" + projectId);

    private void Announce(string projectId, string key, string value)
    {
        if (key == StateKeys.ModelVersion)
        {
            // Fire and forget: the version is already stored, the signal only tells replicas sooner.
            try
            {
                redis.Subscriber.Publish(redis.Channel(VersionSignal.Channel), VersionSignal.Format(projectId, value, redis.Replica), CommandFlags.FireAndForget);
            }
            catch (Exception ex) when (RedisConnection.IsUnavailable(ex))
            {
                // Replicas read the stored version at their next request all the same.
            }
        }
    }

    private static void Check(string projectId, string key)
    {
        ArgumentNullException.ThrowIfNull(projectId);
        ArgumentNullException.ThrowIfNull(key);
    }
}
