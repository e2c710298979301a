using System.Collections.Concurrent;
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
    private readonly IServiceScopeFactory _scopes;
    private readonly bool _warmsUp;
    private readonly ConcurrentDictionary<string, string> _readyVersions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Task> _warming = new(StringComparer.Ordinal);

    // The label config last seen stored per project; bounded because project ids come from the network.
    private const int KnownConfigsCapacity = 10_000;
    private readonly ConcurrentDictionary<string, string> _knownConfigs = new(StringComparer.Ordinal);

    // The model version last read per project: what predictions use while a shared store is unreachable.
    private readonly ConcurrentDictionary<string, string> _lastVersions = new(StringComparer.Ordinal);

    private readonly BackendMetrics _metrics;
    private readonly BackendReadiness _readiness;

    public ModelFactory(
        ModelRegistration registration,
        IStateStore store,
        IOptions<LabelStudioMLOptions> options,
        IServiceScopeFactory scopes,
        BackendMetrics metrics,
        BackendReadiness readiness,
        ILoggerFactory loggerFactory)
    {
        _metrics = metrics;
        _readiness = readiness;
        _options = options.Value;
        _scopes = scopes;
        // Warm-ups only happen for models that load something per version; for the rest a new version serves at once.
        _warmsUp = registration.ModelType.GetMethod(nameof(LabelStudioModel.WarmUpAsync), [typeof(CancellationToken)])?.DeclaringType != typeof(LabelStudioModel);
        ModelType = registration.ModelType;
        _create = ActivatorUtilities.CreateFactory(registration.ModelType, Type.EmptyTypes);
        _store = store;
        _logger = loggerFactory.CreateLogger(registration.ModelType);
    }

    public Type ModelType { get; }

    /// <summary>Creates and sets up the model for <paramref name="projectId"/>; dispose it with <see cref="ReleaseAsync"/>.</summary>
    /// <exception cref="LabelConfigException"><paramref name="labelConfigXml"/> is not a valid label config.</exception>
    public async Task<LabelStudioModel> CreateAsync(
        IServiceProvider services, string projectId, string? labelConfigXml, CancellationToken cancellationToken, bool servesPredictions = false)
    {
        var state = new ProjectState(_store, projectId);
        string version;
        try
        {
            version = await StoredStateAsync(state, projectId, labelConfigXml, cancellationToken).ConfigureAwait(false);
        }
        catch (StateStoreUnavailableException ex)
        {
            // A shared store that is down must not stop models that need no state: they keep answering with the
            // version this process saw last. Writes (and models that read state) still fail with the store's 503.
            version = _lastVersions.TryGetValue(projectId, out var last) ? last : ModelVersions.Initial;
            // The store may come back empty (a restarted Redis without persistence): check the config again then.
            _knownConfigs.TryRemove(projectId, out _);
            Log.StateStoreDown(_logger, projectId, version, ex.Message);
        }

        var ready = version;
        if (servesPredictions)
        {
            ready = await ReadyVersionAsync(projectId, version).ConfigureAwait(false);
            _metrics.ServingVersion(projectId, ready);
        }

        var model = Bind((LabelStudioModel)_create(services, null), services, projectId, state, labelConfigXml);
        try
        {
            var writes = state.Writes;
            await model.SetupAsync(cancellationToken).ConfigureAwait(false);
            // The version read above is still current unless the model's setup wrote to the state; a prediction
            // works with the version that is warmed up, which may still be the previous one.
            model.PinVersion(state.Writes == writes ? ready : null);
        }
        catch
        {
            await ReleaseAsync(model).ConfigureAwait(false);
            throw;
        }

        return model;
    }

    /// <summary>Stores a changed label config, gives a new project its initial version, and returns the project's version.</summary>
    private async Task<string> StoredStateAsync(ProjectState state, string projectId, string? labelConfigXml, CancellationToken cancellationToken)
    {
        if (labelConfigXml is not null)
        {
            var config = LabelConfigCache.Shared.Parse(labelConfigXml);
            // Label Studio sends the same config with every request: compare with the store only when it changed.
            if (!_knownConfigs.TryGetValue(projectId, out var known) || !string.Equals(known, labelConfigXml, StringComparison.Ordinal))
            {
                var stored = await state.GetAsync(StateKeys.LabelConfig, cancellationToken).ConfigureAwait(false);
                if (!string.Equals(stored, labelConfigXml, StringComparison.Ordinal))
                {
                    await state.SetAsync(StateKeys.LabelConfig, labelConfigXml, cancellationToken).ConfigureAwait(false);
                    await state.SetAsync(StateKeys.ParsedLabelConfig, config.ToParsedConfig().ToJsonString(), cancellationToken).ConfigureAwait(false);
                }

                if (_knownConfigs.Count >= KnownConfigsCapacity)
                {
                    _knownConfigs.Clear();
                }

                _knownConfigs[projectId] = labelConfigXml;
            }
        }
        else
        {
            Log.NoLabelConfig(_logger, projectId);
        }

        var version = await state.GetAsync(StateKeys.ModelVersion, cancellationToken).ConfigureAwait(false);
        if (string.IsNullOrEmpty(version))
        {
            version = ModelVersions.Initial;
            await state.SetAsync(StateKeys.ModelVersion, version, cancellationToken).ConfigureAwait(false);
        }

        if (_lastVersions.Count >= KnownConfigsCapacity)
        {
            _lastVersions.Clear();
        }

        _lastVersions[projectId] = version;
        return version;
    }

    /// <summary>
    /// Warms up <paramref name="version"/> of <paramref name="projectId"/> in the background (once per version), for a
    /// model that overrides <see cref="LabelStudioModel.WarmUpAsync"/>; predictions switch to it when it is done.
    /// </summary>
    public Task PrepareVersionAsync(string projectId, string version)
    {
        if (!_warmsUp)
        {
            // Nothing to load: the new version serves from the next prediction on.
            _metrics.ServingVersion(projectId, version);
            return Task.CompletedTask;
        }

        var first = !_readyVersions.TryGetValue(projectId, out var ready);
        if (!first && ready == version)
        {
            return Task.CompletedTask;
        }

        return _warming.GetOrAdd(projectId + "\n" + version, _ =>
        {
            var warming = Task.Run(() => WarmAsync(projectId, version));
            if (first)
            {
                // A project's first warm-up holds its predictions (nothing older is warm), so /ready waits for it too.
                _readiness.Track($"model version {version} of project {projectId}", warming);
            }

            return warming;
        });
    }

    /// <summary>The version a prediction should work with: the stored one once it is warmed up, else the last warmed one.</summary>
    private async Task<string> ReadyVersionAsync(string projectId, string version)
    {
        if (!_warmsUp)
        {
            return version;
        }

        if (!_readyVersions.TryGetValue(projectId, out var ready))
        {
            // The project's first prediction in this process: nothing older is warm, so wait for this one.
            await PrepareVersionAsync(projectId, version).ConfigureAwait(false);
            return _readyVersions.TryGetValue(projectId, out ready) ? ready : version;
        }

        if (ready != version)
        {
            _ = PrepareVersionAsync(projectId, version);
        }

        return ready;
    }

    private async Task WarmAsync(string projectId, string version)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            var scope = _scopes.CreateAsyncScope();
            await using (scope.ConfigureAwait(false))
            {
                var state = new ProjectState(_store, projectId);
                var model = Bind((LabelStudioModel)_create(scope.ServiceProvider, null), scope.ServiceProvider, projectId, state, state.Get(StateKeys.LabelConfig));
                try
                {
                    await model.SetupAsync(CancellationToken.None).ConfigureAwait(false);
                    model.PinVersion(version);
                    await model.WarmUpAsync(CancellationToken.None).ConfigureAwait(false);
                }
                finally
                {
                    await ReleaseAsync(model).ConfigureAwait(false);
                }
            }

            _readyVersions[projectId] = version;
            _metrics.ServingVersion(projectId, version);
            Log.VersionWarmedUp(_logger, projectId, version, System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
#pragma warning disable CA1031 // A failed warm-up keeps the previous version serving; it is logged, and the next request tries again.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Log.VersionWarmUpFailed(_logger, ex, projectId, version);
        }
        finally
        {
            _warming.TryRemove(projectId + "\n" + version, out _);
        }
    }

    private LabelStudioModel Bind(LabelStudioModel model, IServiceProvider services, string projectId, ProjectState state, string? labelConfigXml)
    {
        model.Bind(new ModelContext(projectId, state, labelConfigXml, _logger, _options.ModelDir, _options.ArtifactVersionsKept,
            version => _ = PrepareVersionAsync(projectId, version)));
        model.BindTaskData(services.GetService<TaskData>());
        return model;
    }

    /// <summary>Disposes a model that owns disposable resources of its request.</summary>
    public static async ValueTask ReleaseAsync(LabelStudioModel model)
    {
        model.ReleaseContext();
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
