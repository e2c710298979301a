using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LabelStudio.ML;

/// <summary>
/// Picks the state store and training queue that <c>CACHE_TYPE</c> names: SQLite in this process, or a plugin
/// package loaded by name (<c>redis</c> → LabelStudio.ML.Redis).
/// </summary>
internal sealed class StoreSelection
{
    internal const string Sqlite = "sqlite";
    internal const string Redis = "redis";
    private const string RedisPluginType = "LabelStudio.ML.Redis.RedisScaleOutPlugin, LabelStudio.ML.Redis";

    private readonly IScaleOutPlugin? _plugin;

    public StoreSelection(IServiceProvider services, IOptions<LabelStudioMLOptions> options)
    {
        CacheType = options.Value.CacheType.ToLowerInvariant();
        if (CacheType == Redis)
        {
            var type = Type.GetType(RedisPluginType, throwOnError: false)
                ?? throw new InvalidOperationException(
                    "CACHE_TYPE=redis needs the LabelStudio.ML.Redis package, which this backend does not reference: add " +
                    "<PackageReference Include=\"LabelStudio.ML.Redis\" /> (or a project reference) to its .csproj; no code changes. " +
                    "Or set CACHE_TYPE=sqlite for a single replica.");
            _plugin = (IScaleOutPlugin)ActivatorUtilities.CreateInstance(services, type);
        }
    }

    /// <summary>The store's name, lower case.</summary>
    public string CacheType { get; }

    public IStateStore CreateStateStore(IServiceProvider services) => _plugin is null
        ? SqliteStateStore.InDirectory(services.GetRequiredService<IOptions<LabelStudioMLOptions>>().Value.ModelDir)
        : _plugin.CreateStateStore(services);

    public ITrainingQueue CreateTrainingQueue(IServiceProvider services) => _plugin is null
        ? services.GetRequiredService<TrainingScheduler>()
        : _plugin.CreateTrainingQueue(services);

    /// <summary>What <c>/health</c> shows under <c>store</c>: nothing for SQLite, a file of this process that is always there.</summary>
    public async Task<JsonObject?> ProbeAsync(CancellationToken cancellationToken) => _plugin is null
        ? null
        : await _plugin.ProbeAsync(cancellationToken).ConfigureAwait(false);
}
