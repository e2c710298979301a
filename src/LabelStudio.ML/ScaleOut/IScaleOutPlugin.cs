using System.Text.Json.Nodes;

namespace LabelStudio.ML;

/// <summary>
/// What a shared-store package (LabelStudio.ML.Redis) supplies when <c>CACHE_TYPE</c> names it: the state store, the
/// training queue, and a connectivity probe for <c>/health</c>. Found by name at start, so a backend switches store
/// with a setting and a package reference, without a line of code.
/// </summary>
internal interface IScaleOutPlugin
{
    /// <summary>The state store every replica shares.</summary>
    IStateStore CreateStateStore(IServiceProvider services);

    /// <summary>The training queue every replica shares.</summary>
    ITrainingQueue CreateTrainingQueue(IServiceProvider services);

    /// <summary>What <c>/health</c> reports about the store: its type, address and whether it answers now.</summary>
    Task<JsonObject> ProbeAsync(CancellationToken cancellationToken);
}
