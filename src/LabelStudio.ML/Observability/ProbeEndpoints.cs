using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;

namespace LabelStudio.ML;

/// <summary>
/// The orchestrator's probes, next to the protocol's <c>/health</c> (which stays as Label Studio expects it):
/// <c>/alive</c> says the process serves HTTP; <c>/ready</c> says this replica should get traffic now.
/// </summary>
internal sealed class ProbeEndpoints(
    StoreSelection stores,
    IStateStore store,
    BackendReadiness readiness,
    IHostApplicationLifetime lifetime,
    BackendMetrics metrics)
{
    private static readonly JsonObject Alive = new() { ["status"] = "alive" };

    /// <summary>200 whenever the process can answer at all: a liveness probe restarts only a process that cannot.</summary>
    public static Task AliveAsync(HttpContext context) =>
        JsonBody.WriteAsync(context.Response, StatusCodes.Status200OK, Alive, context.RequestAborted);

    /// <summary>200 when ready; otherwise 503 with the error envelope whose detail says why.</summary>
    public async Task ReadyAsync(HttpContext context)
    {
        var reason = await NotReadyReasonAsync(context.RequestAborted).ConfigureAwait(false);
        metrics.Ready.Set(reason is null ? 1 : 0);
        if (reason is null)
        {
            await JsonBody.WriteAsync(context.Response, StatusCodes.Status200OK, new JsonObject { ["status"] = "ready" }, context.RequestAborted).ConfigureAwait(false);
            return;
        }

        var detail = $"Not ready: {reason}.";
        await ErrorEnvelope.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, detail, detail).ConfigureAwait(false);
    }

    /// <summary>The first reason this replica should not get traffic, or <see langword="null"/>.</summary>
    private async Task<string?> NotReadyReasonAsync(CancellationToken cancellationToken)
    {
        if (lifetime.ApplicationStopping.IsCancellationRequested)
        {
            return "draining, the server is shutting down";
        }

        if (readiness.PendingReason() is { } loading)
        {
            return loading;
        }

        var probe = await stores.ProbeAsync(cancellationToken).ConfigureAwait(false);
        if (probe is null)
        {
            try
            {
                // SQLite: one read of the state database, the first thing every prediction does.
                await store.GetAsync(string.Empty, StateKeys.ModelVersion, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is StateStoreUnavailableException or Microsoft.Data.Sqlite.SqliteException or IOException)
            {
                return $"the state store cannot be read: {ex.Message}";
            }
        }
        else if (probe["connected"]?.GetValue<bool>() == false)
        {
            return $"the state store ({stores.CacheType}) is unreachable: {probe["error"]?.GetValue<string>() ?? "no answer"}";
        }

        return null;
    }
}
