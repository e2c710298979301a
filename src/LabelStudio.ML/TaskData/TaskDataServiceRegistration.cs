using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace LabelStudio.ML;

/// <summary>Registers <see cref="TaskData"/>, <see cref="LabelStudioClient"/>, their transport and the start-up check.</summary>
internal static class TaskDataServiceRegistration
{
    public static IServiceCollection AddLabelStudioTaskData(this IServiceCollection services)
    {
        services.AddOptions<LabelStudioConnectionOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<LabelStudioConnectionOptions>, LabelStudioConnectionOptionsSetup>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<LabelStudioConnectionOptions>, LabelStudioConnectionOptionsValidator>());
        services.AddHttpClient(LabelStudioHttp.ClientName)
            .ConfigurePrimaryHttpMessageHandler(provider => LabelStudioHttpHandler.Create(provider.GetRequiredService<IOptions<LabelStudioConnectionOptions>>().Value))
            .ConfigureHttpClient(client => client.Timeout = Timeout.InfiniteTimeSpan)
            .RemoveAllLoggers();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<LabelStudioTokenProvider>();
        services.TryAddSingleton<LabelStudioHttp>();
        services.TryAddSingleton<DownloadCache>();
        services.TryAddSingleton<MetricsRegistry>();
        services.TryAddSingleton<TaskDataMetrics>();
        services.TryAddSingleton(provider => new TaskData(
            provider.GetRequiredService<DownloadCache>(),
            provider.GetRequiredService<IOptions<LabelStudioConnectionOptions>>().Value,
            provider.GetRequiredService<TaskDataMetrics>()));
        services.TryAddSingleton(provider => new LabelStudioClient(provider.GetRequiredService<LabelStudioHttp>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, LabelStudioStartupCheck>());
        return services;
    }
}
