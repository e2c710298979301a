using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace LabelStudio.ML.Examples.Vision;

/// <summary>Registers the grounded detector the grounding examples take.</summary>
public static class GroundingServiceCollectionExtensions
{
    /// <summary>
    /// <see cref="GroundingSettings"/>, <see cref="IGroundedDetector"/> (loaded when the server starts, so that a bad
    /// model stops it with a message naming the file), the cascades and image loading.
    /// </summary>
    /// <returns>The services.</returns>
    public static IServiceCollection AddGroundedDetector(this IServiceCollection services)
    {
        services.AddVisionImages();
        services.TryAddSingleton<CascadeDetector>();
        services.TryAddSingleton(provider => GroundingSettings.From(provider.GetRequiredService<IConfiguration>()));
        services.TryAddSingleton(provider => provider.GetRequiredService<GroundingSettings>().Create(provider.GetRequiredService<CascadeDetector>()));
        services.AddHostedService<LoadAtStartup<IGroundedDetector>>();
        return services;
    }
}
