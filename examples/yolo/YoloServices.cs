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
        services.AddVision();
        services.TryAddSingleton<YoloModelCache>();
        services.TryAddSingleton(_ => new Lazy<ResNetFeaturizer>(ResNetFeaturizer.Load));
        services.TryAddSingleton<ArtifactCache<SoftmaxHead>>();
        services.TryAddSingleton<YoloRuntime>();
        return services;
    }
}
