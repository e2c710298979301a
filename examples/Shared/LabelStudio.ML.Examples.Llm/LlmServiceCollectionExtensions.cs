using Microsoft.Extensions.DependencyInjection;

namespace LabelStudio.ML.Examples.Llm;

/// <summary>Registers what the LLM examples share.</summary>
public static class LlmServiceCollectionExtensions
{
    /// <summary>Adds <see cref="ProviderHttp"/> (HTTP clients with retries) and <see cref="ChatClientFactory"/> as singletons.</summary>
    public static IServiceCollection AddLlmProviders(this IServiceCollection services)
    {
        services.AddSingleton<ProviderHttp>();
        services.AddSingleton<ChatClientFactory>();
        return services;
    }
}
