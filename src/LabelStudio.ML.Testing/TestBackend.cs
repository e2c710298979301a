using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LabelStudio.ML.Testing;

/// <summary>
/// A backend running in the test process as it runs in production: Kestrel on a free loopback port, a fresh
/// <c>MODEL_DIR</c> (deleted afterwards), the SDK's own registration and endpoints, reached over real HTTP.
/// </summary>
/// <example>
/// <code>
/// await using var backend = await TestBackend.StartAsync&lt;MyModel&gt;();
/// var results = await backend.PredictAsync(labelConfig, [new JsonObject { ["id"] = 1, ["data"] = new JsonObject { ["text"] = "hi" } }]);
/// </code>
/// </example>
public sealed class TestBackend : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly bool _ownsModelDir;

    private TestBackend(WebApplication app, Uri address, string modelDir, bool ownsModelDir, CapturedLogs logs)
    {
        _app = app;
        Address = address;
        ModelDir = modelDir;
        _ownsModelDir = ownsModelDir;
        Logs = logs;
        Client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };
    }

    /// <summary>The backend's base address, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri Address { get; }

    /// <summary>The backend's <c>MODEL_DIR</c>.</summary>
    public string ModelDir { get; }

    /// <summary>A client whose base address is the backend.</summary>
    public HttpClient Client { get; }

    /// <summary>Every line the backend logged.</summary>
    public CapturedLogs Logs { get; }

    /// <summary>The backend's services.</summary>
    public IServiceProvider Services => _app.Services;

    /// <summary>The backend's state store.</summary>
    public IStateStore Store => _app.Services.GetRequiredService<IStateStore>();

    /// <summary>Starts a backend serving <typeparamref name="TModel"/>.</summary>
    /// <param name="settings">Configuration as environment variable names and values (<c>BASIC_AUTH_USER</c>, <c>LOG_LEVEL</c>, …); they win over the process environment.</param>
    /// <param name="services">Registers the model's own services (singletons it takes in its constructor).</param>
    /// <param name="configure">Adjusts <see cref="LabelStudioMLOptions"/> after the settings.</param>
    /// <param name="modelDir">An existing <c>MODEL_DIR</c> to use (kept afterwards); by default a new temporary folder.</param>
    public static async Task<TestBackend> StartAsync<TModel>(
        IReadOnlyDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? services = null,
        Action<LabelStudioMLOptions>? configure = null,
        string? modelDir = null)
        where TModel : LabelStudioModel
    {
        var ownsModelDir = modelDir is null;
        modelDir ??= Directory.CreateTempSubdirectory("lsml-test-").FullName;
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [], ContentRootPath = modelDir, EnvironmentName = "Production" });
        var configuration = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["HOST"] = "127.0.0.1",
            ["PORT"] = "0",
            ["MODEL_DIR"] = modelDir,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            configuration[key] = value;
        }

        builder.Configuration.AddInMemoryCollection(configuration);
        var logs = new CapturedLogs();
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(logs);
        services?.Invoke(builder.Services);
        builder.Services.AddLabelStudioMLBackend<TModel>(configure);

        var app = builder.Build();
        app.MapLabelStudioMLBackend();
        try
        {
            await app.StartAsync().ConfigureAwait(false);
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            if (ownsModelDir)
            {
                DeleteModelDir(modelDir);
            }

            throw;
        }

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new TestBackend(app, new Uri(address), modelDir, ownsModelDir, logs);
    }

    /// <summary>Posts <paramref name="body"/> as JSON to <paramref name="path"/>.</summary>
    public Task<HttpResponseMessage> PostJsonAsync(string path, JsonNode body, CancellationToken cancellationToken = default) =>
        Client.PostAsync(path, new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"), cancellationToken);

    /// <summary>
    /// Sends <c>/predict</c> as Label Studio does for <paramref name="tasks"/> of project <paramref name="project"/>,
    /// with an interactive <paramref name="context"/> when given, and returns the <c>results</c> array.
    /// </summary>
    /// <exception cref="HttpRequestException">The backend did not answer 200; the message holds its answer.</exception>
    public async Task<JsonArray> PredictAsync(
        string labelConfig, IEnumerable<JsonObject> tasks, JsonObject? context = null, string project = "1.1700000000", CancellationToken cancellationToken = default)
    {
        var body = new JsonObject
        {
            ["tasks"] = new JsonArray([.. tasks]),
            ["project"] = project,
            ["label_config"] = labelConfig,
            ["params"] = new JsonObject { ["login"] = null, ["password"] = null, ["context"] = context },
        };
        var answer = await ReadSuccessAsync(await PostJsonAsync("/predict", body, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        return answer["results"]?.AsArray() ?? throw new HttpRequestException($"/predict answered without 'results': {answer.ToJsonString()}");
    }

    /// <summary>Sends <c>/predict</c> like <see cref="PredictAsync"/> and reads the answer into typed predictions, one per task.</summary>
    /// <exception cref="HttpRequestException">The backend did not answer 200; the message holds its answer.</exception>
    public async Task<IReadOnlyList<TaskPrediction>> GetPredictionsAsync(
        string labelConfig, IEnumerable<JsonObject> tasks, JsonObject? context = null, string project = "1.1700000000", CancellationToken cancellationToken = default) =>
        TaskPrediction.Read(await PredictAsync(labelConfig, tasks, context, project, cancellationToken).ConfigureAwait(false));

    /// <summary>
    /// Sends <c>/webhook</c> as Label Studio does when an annotation of <paramref name="task"/> with
    /// <paramref name="annotationResult"/> is created, updated or deleted (<paramref name="action"/>, e.g.
    /// <c>ANNOTATION_CREATED</c>) in project <paramref name="projectId"/>, and returns the answer. With
    /// <c>TRAINING_MODE=sync</c> among the settings, <c>FitAsync</c> has run when this returns.
    /// </summary>
    /// <exception cref="HttpRequestException">The backend did not answer 2xx; the message holds its answer.</exception>
    public async Task<JsonObject> WebhookAsync(
        string action, string labelConfig, JsonObject task, IEnumerable<JsonObject>? annotationResult = null, long projectId = 1, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(task);
        var body = new JsonObject
        {
            ["action"] = action,
            ["project"] = new JsonObject { ["id"] = projectId, ["title"] = "Test project", ["label_config"] = labelConfig },
            ["task"] = task.DeepClone(),
            ["annotation"] = new JsonObject
            {
                ["id"] = 1,
                ["task"] = task["id"]?.DeepClone(),
                ["project"] = projectId,
                ["completed_by"] = 1,
                ["was_cancelled"] = false,
                ["result"] = new JsonArray([.. (annotationResult ?? []).Select(region => region.DeepClone())]),
            },
        };
        return await ReadSuccessAsync(await PostJsonAsync("/webhook", body, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sends <c>/setup</c> as Label Studio does and returns the model version it answers.</summary>
    public async Task<string?> SetupAsync(string labelConfig, string project = "1.1700000000", string? extraParams = null, CancellationToken cancellationToken = default)
    {
        var body = new JsonObject
        {
            ["project"] = project,
            ["schema"] = labelConfig,
            ["hostname"] = "http://localhost:8080",
            ["access_token"] = "0123456789abcdef0123456789abcdef01234567",
            ["extra_params"] = extraParams,
        };
        var answer = await ReadSuccessAsync(await PostJsonAsync("/setup", body, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        return answer["model_version"]?.GetValue<string>();
    }

    /// <summary>Stops the backend and deletes its temporary <c>MODEL_DIR</c>.</summary>
    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        if (_ownsModelDir)
        {
            DeleteModelDir(ModelDir);
        }
    }


    private static void DeleteModelDir(string modelDir)
    {
        // Pooled SQLite connections keep the files open; release them before deleting.
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(modelDir, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by the OS stays in the temp folder; the test outcome does not depend on it.
        }
    }

    private static async Task<JsonObject> ReadSuccessAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw new HttpRequestException($"{response.RequestMessage?.RequestUri?.AbsolutePath} answered {(int)response.StatusCode}: {text}", null, response.StatusCode);
            }

            return JsonNode.Parse(text)?.AsObject() ?? throw new HttpRequestException("The backend answered null.");
        }
    }
}
