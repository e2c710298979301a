using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace LabelStudio.ML.Examples.Vision;

/// <summary>Registers what every image example needs: the options, task image loading and the cascades.</summary>
public static class VisionServiceCollectionExtensions
{
    /// <summary>
    /// <see cref="VisionOptions"/> from the environment with the app's configuration (a test's settings) winning,
    /// <see cref="TaskImageLoader"/> and <see cref="CascadeDetector"/>, all singletons.
    /// </summary>
    /// <returns>The services.</returns>
    public static IServiceCollection AddVision(this IServiceCollection services)
    {
        services.TryAddSingleton(provider =>
        {
            var configuration = provider.GetRequiredService<IConfiguration>();
            var options = VisionOptions.FromEnvironment();
            if (configuration["IMAGE_MAX_PIXELS"] is { Length: > 0 } pixels)
            {
                options.MaxImagePixels = long.TryParse(pixels, System.Globalization.CultureInfo.InvariantCulture, out var limit) && limit > 0
                    ? limit
                    : throw new InvalidOperationException($"IMAGE_MAX_PIXELS must be a positive whole number of pixels, not \"{pixels}\".");
            }

            if (configuration["OPENCV_CASCADES_DIR"] is { Length: > 0 } cascades)
            {
                options.CascadesDirectory = cascades;
            }

            return options;
        });
        services.TryAddSingleton<TaskImageLoader>();
        services.TryAddSingleton<CascadeDetector>();
        return services;
    }
}
