using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LabelStudio.ML;

/// <summary>
/// Builds the model instance of one request (SPEC §4.3): remembers the project's label config, gives the project its
/// initial model version, binds the instance to the project and runs its <see cref="LabelStudioModel.SetupAsync"/>.
/// </summary>
internal sealed class ModelFactory
{
    private readonly ObjectFactory _create;
    private readonly IStateStore _store;
    private readonly ILogger _logger;
    private readonly LabelStudioMLOptions _options;

    public ModelFactory(ModelRegistration registration, IStateStore store, IOptions<LabelStudioMLOptions> options, ILoggerFactory loggerFactory)
    {
        _options = options.Value;
        ModelType = registration.ModelType;
        _create = ActivatorUtilities.CreateFactory(registration.ModelType, Type.EmptyTypes);
        _store = store;
        _logger = loggerFactory.CreateLogger(registration.ModelType);
    }

    public Type ModelType { get; }

    /// <summary>Creates and sets up the model for <paramref name="projectId"/>; dispose it with <see cref="ReleaseAsync"/>.</summary>
    /// <exception cref="LabelConfigException"><paramref name="labelConfigXml"/> is not a valid label config.</exception>
    public async Task<LabelStudioModel> CreateAsync(IServiceProvider services, string projectId, string? labelConfigXml, CancellationToken cancellationToken)
    {
        var state = new ProjectState(_store, projectId);
        if (labelConfigXml is not null)
        {
            var config = LabelConfigCache.Shared.Parse(labelConfigXml);
            var stored = await state.GetAsync(StateKeys.LabelConfig, cancellationToken).ConfigureAwait(false);
            if (!string.Equals(stored, labelConfigXml, StringComparison.Ordinal))
            {
                await state.SetAsync(StateKeys.LabelConfig, labelConfigXml, cancellationToken).ConfigureAwait(false);
                await state.SetAsync(StateKeys.ParsedLabelConfig, config.ToParsedConfig().ToJsonString(), cancellationToken).ConfigureAwait(false);
            }
        }
        else
        {
            Log.NoLabelConfig(_logger, projectId);
        }

        var version = await state.GetAsync(StateKeys.ModelVersion, cancellationToken).ConfigureAwait(false);
        if (string.IsNullOrEmpty(version))
        {
            await state.SetAsync(StateKeys.ModelVersion, ModelVersions.Initial, cancellationToken).ConfigureAwait(false);
        }

        var model = (LabelStudioModel)_create(services, null);
        model.Bind(new ModelContext(projectId, state, labelConfigXml, _logger, _options.ModelDir, _options.ArtifactVersionsKept));
        model.BindTaskData(services.GetService<TaskData>());
        try
        {
            await model.SetupAsync(cancellationToken).ConfigureAwait(false);
            model.PinVersion();
        }
        catch
        {
            await ReleaseAsync(model).ConfigureAwait(false);
            throw;
        }

        return model;
    }

    /// <summary>Disposes a model that owns disposable resources of its request.</summary>
    public static async ValueTask ReleaseAsync(LabelStudioModel model)
    {
        switch (model)
        {
            case IAsyncDisposable asyncDisposable:
                await asyncDisposable.DisposeAsync().ConfigureAwait(false);
                break;
            case IDisposable disposable:
                disposable.Dispose();
                break;
        }
    }
}
