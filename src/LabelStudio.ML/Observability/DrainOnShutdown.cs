using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LabelStudio.ML;

/// <summary>
/// On a graceful stop (SIGTERM), keeps serving for <c>SHUTDOWN_DRAIN_SECONDS</c> while <c>/ready</c> answers 503,
/// before the server stops taking connections: a load balancer or Kubernetes has that long to notice and send new
/// requests elsewhere, so none hits a closed port.
/// </summary>
internal sealed class DrainOnShutdown(IOptions<LabelStudioMLOptions> options, ILogger<DrainOnShutdown> logger) : IHostedLifecycleService
{
    private readonly TimeSpan _drain = options.Value.ShutdownDrain;

    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        if (_drain <= TimeSpan.Zero)
        {
            return;
        }

        Log.Draining(logger, _drain.TotalSeconds);
        try
        {
            await Task.Delay(_drain, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The host's shutdown timeout ran out first: stop now.
        }
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
