using LabelStudio.ML.Examples.Text;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace BertClassifier;

/// <summary>Registers what <see cref="BertClassifierModel"/> takes in its constructor.</summary>
public static class BertClassifierServices
{
    /// <summary>The MiniLM encoder, the head cache, the settings and the optional fine-tuned ONNX model.</summary>
    public static IServiceCollection AddBertClassifier(this IServiceCollection services)
    {
        services.AddMiniLmEncoder();
        services.TryAddSingleton<ArtifactCache<SoftmaxHead>>();
        services.TryAddSingleton(provider => ClassifierSettings.From(provider.GetRequiredService<IConfiguration>()));
        services.TryAddSingleton(provider => new FineTunedClassifier(provider.GetRequiredService<ClassifierSettings>().OnnxDirectory));
        return services;
    }
}
