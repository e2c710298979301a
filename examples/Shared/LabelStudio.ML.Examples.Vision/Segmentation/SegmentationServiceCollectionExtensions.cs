using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace LabelStudio.ML.Examples.Vision;

/// <summary>Registers the promptable segmenter and the image loading the segmentation examples take.</summary>
public static class SegmentationServiceCollectionExtensions
{
    /// <summary>
    /// <see cref="IPromptSegmenter"/> as <see cref="PromptSegmenterSettings"/> with <paramref name="prefix"/> choose
    /// (SAM ONNX or GrabCut), loaded when the server starts so that a bad model stops it with a message naming the file,
    /// plus <see cref="VisionOptions"/> and <see cref="TaskImageLoader"/>.
    /// </summary>
    /// <returns>The services.</returns>
    public static IServiceCollection AddPromptSegmenter(this IServiceCollection services, string prefix = "SAM")
    {
        services.AddVisionImages();
        services.TryAddSingleton(provider => PromptSegmenterSettings.From(provider.GetRequiredService<IConfiguration>(), prefix));
        services.TryAddSingleton(provider => provider.GetRequiredService<PromptSegmenterSettings>().Create());
        services.AddHostedService<LoadAtStartup<IPromptSegmenter>>();
        return services;
    }

    /// <summary><see cref="VisionOptions"/> from the environment and a <see cref="TaskImageLoader"/>, once.</summary>
    /// <returns>The services.</returns>
    public static IServiceCollection AddVisionImages(this IServiceCollection services)
    {
        services.TryAddSingleton(_ => VisionOptions.FromEnvironment());
        services.TryAddSingleton<TaskImageLoader>();
        return services;
    }
}
