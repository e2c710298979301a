using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace LabelStudio.ML.Tests.TaskData;

/// <summary>
/// The SDK's own task data services (the registration <c>AddLabelStudioMLBackend</c> uses), with a fresh cache folder
/// and, when asked, a transport whose connections all go to a fake on loopback, so that URLs naming other hosts
/// (<c>http://192.168.1.10:8080</c>, <c>https://example.com</c>) keep their Host header and never leave the machine.
/// </summary>
internal sealed class TaskDataHarness : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private TaskDataHarness(ServiceProvider services, string directory)
    {
        _services = services;
        Directory = directory;
    }

    /// <summary>A temporary folder holding the cache (<c>cache/</c>), deleted afterwards.</summary>
    public string Directory { get; }

    public string CacheDir => Path.Combine(Directory, "cache");

    public ML.TaskData TaskData => _services.GetRequiredService<ML.TaskData>();

    public LabelStudioClient Client => _services.GetRequiredService<LabelStudioClient>();

    public IServiceProvider Services => _services;

    /// <param name="configure">Settings after the defaults (the cache folder is set already).</param>
    /// <param name="connectTo">Connect every host to this fake (for URLs that name other hosts).</param>
    /// <param name="time">The clock the token provider reads.</param>
    /// <param name="settings">Environment-style settings (<c>LABEL_STUDIO_URL</c>, …) read by the options setup.</param>
    public static TaskDataHarness Create(
        Action<LabelStudioConnectionOptions>? configure = null,
        FakeLabelStudio? connectTo = null,
        TimeProvider? time = null,
        IDictionary<string, string?>? settings = null)
    {
        var directory = System.IO.Directory.CreateTempSubdirectory("lsml-taskdata-").FullName;
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings ?? new Dictionary<string, string?>()).Build());
        services.AddLogging();
        if (time is not null)
        {
            services.TryAddSingleton(time);
        }

        services.AddLabelStudioTaskData();
        services.Configure<LabelStudioConnectionOptions>(options =>
        {
            options.CacheDir = Path.Combine(directory, "cache");
            configure?.Invoke(options);
        });
        if (connectTo is not null)
        {
            services.AddHttpClient(LabelStudioHttp.ClientName)
                .ConfigurePrimaryHttpMessageHandler((handler, _) => ((SocketsHttpHandler)handler).ConnectCallback = connectTo.ConnectAsync);
        }

        return new TaskDataHarness(services.BuildServiceProvider(), directory);
    }

    /// <summary>A harness for Label Studio at <paramref name="fake"/> with <paramref name="apiKey"/> (the legacy token by default).</summary>
    public static TaskDataHarness For(FakeLabelStudio fake, string? apiKey = FakeLabelStudio.LegacyToken, Action<LabelStudioConnectionOptions>? configure = null, TimeProvider? time = null) =>
        Create(
            options =>
            {
                options.Url = fake.Url.ToString();
                options.ApiKey = apiKey;
                configure?.Invoke(options);
            },
            time: time);

    public string[] CacheFiles() => System.IO.Directory.Exists(CacheDir) ? System.IO.Directory.GetFiles(CacheDir) : [];

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // Left in the temp folder; the outcome does not depend on it.
        }
    }
}
