using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace LabelStudio.ML;

/// <summary>Gives the host enough time at shutdown for running training jobs to finish (<c>TRAINING_SHUTDOWN_TIMEOUT_SECONDS</c>), after the drain (<c>SHUTDOWN_DRAIN_SECONDS</c>).</summary>
internal sealed class ShutdownTimeoutSetup(IOptions<LabelStudioMLOptions> options) : IConfigureOptions<HostOptions>
{
    public void Configure(HostOptions host)
    {
        var needed = options.Value.ShutdownDrain + options.Value.TrainingShutdownTimeout + TimeSpan.FromSeconds(10);
        if (host.ShutdownTimeout < needed)
        {
            host.ShutdownTimeout = needed;
        }
    }
}
