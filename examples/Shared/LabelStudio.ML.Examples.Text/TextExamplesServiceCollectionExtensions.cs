using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace LabelStudio.ML.Examples.Text;

/// <summary>Registers the shared text encoder.</summary>
public static class TextExamplesServiceCollectionExtensions
{
    /// <summary>Adds <see cref="MiniLmEncoder"/> as a singleton, loaded on first use (one ONNX session per process).</summary>
    public static IServiceCollection AddMiniLmEncoder(this IServiceCollection services)
    {
        services.TryAddSingleton(_ => MiniLmEncoder.Load());
        return services;
    }
}
