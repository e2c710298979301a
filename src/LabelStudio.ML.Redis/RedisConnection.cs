using System.Globalization;
using System.Net;
using StackExchange.Redis;

namespace LabelStudio.ML.Redis;

/// <summary>
/// The process's one connection to Redis (REDIS_URL), its key prefix, and the translation of "Redis did not answer"
/// into <see cref="StateStoreUnavailableException"/> (503 with Retry-After). It reconnects by itself.
/// </summary>
internal sealed class RedisConnection : IDisposable
{
    private readonly ConnectionMultiplexer _multiplexer;

    public RedisConnection(string redisUrl, string keyPrefix, string replica)
    {
        var options = Parse(redisUrl);
        options.ClientName = "lsml-" + replica;
        Address = $"{options.EndPoints[0] switch { DnsEndPoint dns => $"{dns.Host}:{dns.Port}", var other => other.ToString() }}/{options.DefaultDatabase ?? 0}";
        Prefix = keyPrefix;
        Replica = replica;
        // Start even when Redis is down (predictions that need no state keep working) and fail fast while it is:
        // a command waits for no reconnect, it answers 503 at once.
        _multiplexer = ConnectionMultiplexer.Connect(options);
    }

    /// <summary>host:port/db, without credentials: safe to log and to show in /health.</summary>
    public string Address { get; }

    /// <summary>What every key and channel of this backend starts with (REDIS_KEY_PREFIX).</summary>
    public string Prefix { get; }

    /// <summary>This process's name among the replicas.</summary>
    public string Replica { get; }

    public IDatabase Database => _multiplexer.GetDatabase();

    public ISubscriber Subscriber => _multiplexer.GetSubscriber();

    public RedisKey Key(string name) => Prefix + name;

    public RedisChannel Channel(string name) => RedisChannel.Literal(Prefix + name);

    /// <summary>Runs a Redis call; a connection failure becomes the 503 exception.</summary>
    public T Run<T>(Func<IDatabase, T> call)
    {
        try
        {
            return call(Database);
        }
        catch (Exception ex) when (IsUnavailable(ex))
        {
            throw Unavailable(ex);
        }
    }

    /// <summary>Runs an asynchronous Redis call; a connection failure becomes the 503 exception.</summary>
    public async Task<T> RunAsync<T>(Func<IDatabase, Task<T>> call)
    {
        try
        {
            return await call(Database).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsUnavailable(ex))
        {
            throw Unavailable(ex);
        }
    }

    /// <summary>Whether <paramref name="exception"/> means Redis cannot be reached (or is not ready) rather than a bad command.</summary>
    public static bool IsUnavailable(Exception exception) => exception switch
    {
        RedisConnectionException or RedisTimeoutException or TimeoutException => true,
        RedisServerException server => server.Message.StartsWith("LOADING", StringComparison.Ordinal)
            || server.Message.StartsWith("MASTERDOWN", StringComparison.Ordinal)
            || server.Message.StartsWith("READONLY", StringComparison.Ordinal),
        _ => false,
    };

    public StateStoreUnavailableException Unavailable(Exception cause) => new(
        $"State store unavailable: Redis at {Address} did not answer ({cause.GetType().Name}: {FirstLine(cause.Message)}). " +
        "Predictions that need no state keep working; retry once Redis is back, the backend reconnects by itself.",
        cause);

    public void Dispose() => _multiplexer.Dispose();

    /// <summary>Reads <c>redis://[user[:password]@]host[:port][/db]</c> (or <c>rediss://</c> for TLS).</summary>
    internal static ConfigurationOptions Parse(string redisUrl)
    {
        var uri = new Uri(redisUrl, UriKind.Absolute);
        var options = new ConfigurationOptions
        {
            AbortOnConnectFail = false,
            BacklogPolicy = BacklogPolicy.FailFast,
            ConnectTimeout = 2000,
            SyncTimeout = 2000,
            AsyncTimeout = 2000,
            ConnectRetry = 1,
            ReconnectRetryPolicy = new LinearRetry(500),
            Ssl = uri.Scheme == "rediss",
        };
        options.EndPoints.Add(uri.Host, uri.IsDefaultPort || uri.Port < 0 ? 6379 : uri.Port);
        if (uri.UserInfo.Length > 0)
        {
            var parts = uri.UserInfo.Split(':', 2);
            var user = Uri.UnescapeDataString(parts[0]);
            var password = parts.Length == 2 ? Uri.UnescapeDataString(parts[1]) : null;
            if (password is null)
            {
                options.Password = user;
            }
            else
            {
                options.User = user.Length == 0 ? null : user;
                options.Password = password;
            }
        }

        var database = uri.AbsolutePath.Trim('/');
        if (database.Length > 0)
        {
            options.DefaultDatabase = int.Parse(database, NumberStyles.None, CultureInfo.InvariantCulture);
        }

        return options;
    }

    // StackExchange.Redis appends a long diagnostic dump after "; " — the envelope keeps the sentence before it.
    private static string FirstLine(string text) => text.Split('\n', 2)[0].Split("; ", 2)[0].Trim();
}
