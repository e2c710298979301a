using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace LabelStudio.ML;

/// <summary>Registers a Label Studio ML backend in an ASP.NET Core application.</summary>
public static class LabelStudioMLServiceCollectionExtensions
{
    /// <summary>
    /// Serves <typeparamref name="TModel"/> as a Label Studio ML backend: options from the environment
    /// (<c>PORT</c>, <c>MODEL_DIR</c>, <c>BASIC_AUTH_USER</c>, …), the state store and training queue <c>CACHE_TYPE</c> names
    /// (SQLite by default; <c>redis</c> with the LabelStudio.ML.Redis package for several replicas), the model factory, the
    /// Kestrel endpoint, <see cref="TaskData"/> and <see cref="LabelStudioClient"/> (<c>LABEL_STUDIO_URL</c>,
    /// <c>LABEL_STUDIO_API_KEY</c>, …) with a start-up check of Label Studio. Follow with <c>app.MapLabelStudioMLBackend()</c>.
    /// </summary>
    /// <param name="services">The application's services.</param>
    /// <param name="configure">Settings applied after the environment's, e.g. a <see cref="LabelStudioMLOptions.ModelClassName"/>.</param>
    /// <remarks>Services are added with <c>TryAdd</c> where a user may want their own (for example another <see cref="IStateStore"/>).</remarks>
    public static IServiceCollection AddLabelStudioMLBackend<TModel>(this IServiceCollection services, Action<LabelStudioMLOptions>? configure = null)
        where TModel : LabelStudioModel
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<LabelStudioMLOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<LabelStudioMLOptions>, LabelStudioMLOptionsSetup>());
        if (configure is not null)
        {
            services.Configure(configure);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<LabelStudioMLOptions>, LabelStudioMLOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<KestrelServerOptions>, KestrelSetup>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<LoggerFilterOptions>, LogLevelSetup>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<ConsoleLoggerOptions>, LogFormatSetup>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<JsonConsoleFormatterOptions>, LogFormatSetup>());
        services.TryAddSingleton<MetricsRegistry>();
        services.TryAddSingleton<BackendMetrics>();
        services.TryAddSingleton<BackendReadiness>();
        services.TryAddSingleton<ProbeEndpoints>();
        services.TryAddSingleton<TracingSetup>();
        // Registered first so that its StoppingAsync runs while the server still serves (the drain).
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, DrainOnShutdown>());

        services.AddSingleton(provider => new ModelRegistration(
            typeof(TModel),
            provider.GetRequiredService<IOptions<LabelStudioMLOptions>>().Value.ModelClassName ?? typeof(TModel).Name));
        services.TryAddSingleton<StoreSelection>();
        services.TryAddSingleton<IStateStore>(provider => provider.GetRequiredService<StoreSelection>().CreateStateStore(provider));
        services.TryAddSingleton<ModelFactory>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(provider =>
            new SqliteTrainingJobStore(SqliteStateStore.PathIn(provider.GetRequiredService<IOptions<LabelStudioMLOptions>>().Value.ModelDir)));
        services.TryAddSingleton<TrainingScheduler>();
        services.TryAddSingleton<ITrainingQueue>(provider => provider.GetRequiredService<StoreSelection>().CreateTrainingQueue(provider));
        services.AddSingleton<IHostedService>(provider => (IHostedService)provider.GetRequiredService<ITrainingQueue>());
        services.TryAddSingleton<TrainingEndpoints>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<HostOptions>, ShutdownTimeoutSetup>());
        services.TryAddSingleton<PredictionRunner>();
        services.TryAddSingleton<PredictionGate>();
        services.TryAddSingleton<PredictionBatcher>();
        services.AddHostedService(provider => provider.GetRequiredService<PredictionBatcher>());
        services.TryAddSingleton<BackendEndpoints>();
        services.TryAddSingleton<EndpointErrorHandler>();
        services.AddLabelStudioTaskData();
        return services;
    }
}
