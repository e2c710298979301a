using LabelStudio.ML.Examples.Vision;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MmDetection;

/// <summary>Registers what <see cref="MmDetectionModel"/> takes in its constructor.</summary>
public static class MmDetectionServices
{
    /// <summary>Settings, image loading, the cascades and the user's detector (loaded when the server starts, so a wrong file stops it with a clear message).</summary>
    /// <returns>The services.</returns>
    public static IServiceCollection AddMmDetection(this IServiceCollection services)
    {
        services.TryAddSingleton(provider => DetectorSettings.From(provider.GetRequiredService<IConfiguration>()));
        services.TryAddSingleton(provider =>
        {
            var configuration = provider.GetRequiredService<IConfiguration>();
            var options = VisionOptions.FromEnvironment();
            if (configuration["IMAGE_MAX_PIXELS"] is { Length: > 0 } pixels && long.TryParse(pixels, System.Globalization.CultureInfo.InvariantCulture, out var limit) && limit > 0)
            {
                options.MaxImagePixels = limit;
            }

            if (configuration["OPENCV_CASCADES_DIR"] is { Length: > 0 } cascades)
            {
                options.CascadesDirectory = cascades;
            }

            return options;
        });
        services.TryAddSingleton<TaskImageLoader>();
        services.TryAddSingleton<CascadeDetector>();
        services.TryAddSingleton(provider => new UserDetector(provider.GetRequiredService<DetectorSettings>()));
        return services;
    }
}
