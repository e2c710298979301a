using LabelStudio.ML.Examples.Vision;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MmDetection;

/// <summary>Registers what <see cref="MmDetectionModel"/> takes in its constructor.</summary>
public static class MmDetectionServices
{
    /// <summary>Settings, image loading, the cascades and the user's detector (loaded when the server starts, so a wrong file or a model URL that does not download stops it with a clear message).</summary>
    /// <returns>The services.</returns>
    public static IServiceCollection AddMmDetection(this IServiceCollection services)
    {
        services.TryAddSingleton(provider => DetectorSettings.From(provider.GetRequiredService<IConfiguration>()));
        services.AddVision();
        services.TryAddSingleton(provider => new UserDetector(provider.GetRequiredService<DetectorSettings>()));
        services.AddHostedService<LoadAtStartup<UserDetector>>();
        return services;
    }
}
