using LabelStudio.ML.Examples.Text;
using LabelStudio.ML.Examples.Vision;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Yolo;

/// <summary>Registers what <see cref="YoloModel"/> takes in its constructor.</summary>
public static class YoloServices
{
    /// <summary>Settings, image loading, cascades, the model cache, ResNet18 (lazily) and the head cache.</summary>
    /// <returns>The services.</returns>
    public static IServiceCollection AddYolo(this IServiceCollection services)
    {
        services.TryAddSingleton(provider => YoloSettings.From(provider.GetRequiredService<IConfiguration>()));
        services.TryAddSingleton(provider => VisionFromConfiguration(provider.GetRequiredService<IConfiguration>()));
        services.TryAddSingleton<TaskImageLoader>();
        services.TryAddSingleton<CascadeDetector>();
        services.TryAddSingleton<YoloModelCache>();
        services.TryAddSingleton(_ => new Lazy<ResNetFeaturizer>(ResNetFeaturizer.Load));
        services.TryAddSingleton<ArtifactCache<SoftmaxHead>>();
        services.TryAddSingleton<YoloRuntime>();
        return services;
    }

    private static VisionOptions VisionFromConfiguration(IConfiguration configuration)
    {
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
    }
}
