using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace LabelStudio.ML.Examples.Vision;

/// <summary>
/// Creates the singleton <typeparamref name="T"/> when the host starts, so that its loading errors (a bad model file,
/// a model URL that does not download) stop the start instead of failing the first request.
/// </summary>
public sealed class LoadAtStartup<T>(IServiceProvider services) : IHostedService
    where T : notnull
{
    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = services.GetRequiredService<T>();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
