using LabelStudio.ML.Examples.Llm;

namespace WatsonX;

/// <summary>Registers the watsonx.ai client, its IAM tokens, the prompt settings and the watsonx.data sink.</summary>
public static class WatsonxServices
{
    public static IServiceCollection AddWatsonx(this IServiceCollection services)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<IamTokenSource>();
        services.AddSingleton<WatsonxClient>();
        services.AddSingleton(provider => PromptSettings.FromConfiguration(provider.GetRequiredService<IConfiguration>()));
        services.AddSingleton<PrestoClient>();
        services.AddSingleton<WatsonxDataSink>();
        return services;
    }
}
