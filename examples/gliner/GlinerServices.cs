using LabelStudio.ML.Examples.Text;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Gliner;

/// <summary>Registers what <see cref="GlinerModel"/> takes in its constructor.</summary>
public static class GlinerServices
{
    /// <summary>
    /// The settings and the span scorer: the GLiNER ONNX model of <c>GLINER_MODEL_DIR</c> when set, else the MiniLM
    /// similarity fallback (MiniLM is then loaded once per process, on first use).
    /// </summary>
    public static IServiceCollection AddGliner(this IServiceCollection services)
    {
        services.AddMiniLmEncoder();
        services.TryAddSingleton(provider => GlinerSettings.From(provider.GetRequiredService<IConfiguration>()));
        services.TryAddSingleton<ISpanScorer>(provider =>
        {
            var settings = provider.GetRequiredService<GlinerSettings>();
            return settings.ModelDirectory is { } directory
                ? new GlinerOnnxScorer(directory, settings.Threshold)
                : new SimilarityScorer(provider.GetRequiredService<MiniLmEncoder>(), settings.FallbackThreshold);
        });
        return services;
    }
}
