using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LabelStudio.ML.Tests.Support;

/// <summary>
/// A real backend: Kestrel on a free loopback port, a fresh <c>MODEL_DIR</c>, the SDK's own registration and
/// endpoints, reached through a real <see cref="HttpClient"/>.
/// </summary>
internal sealed class TestBackend : IAsyncDisposable
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

    public Uri Address { get; }

    public string ModelDir { get; }

    public HttpClient Client { get; }

    public CapturedLogs Logs { get; }

    public IServiceProvider Services => _app.Services;

    public IStateStore Store => _app.Services.GetRequiredService<IStateStore>();

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
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new TestBackend(app, new Uri(address), modelDir, ownsModelDir, logs);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        if (_ownsModelDir)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(ModelDir, recursive: true);
            }
            catch (IOException)
            {
                // A file still held by the OS is left in the temp folder; the test outcome does not depend on it.
            }
        }
    }
}
