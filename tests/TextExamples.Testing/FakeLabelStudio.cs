using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace TextExamples.Testing;

/// <summary>
/// Label Studio on loopback, as the examples' tests need it: the task API that START_TRAINING pages through
/// (<c>/api/tasks?project=…&amp;page=…</c>), uploaded files (the documents behind <c>/data/upload/…</c>, served at the
/// storage proxy and the legacy path) and <c>whoami</c> for the backend's start-up check. Every request needs the
/// legacy token.
/// </summary>
public sealed class FakeLabelStudio : IAsyncDisposable
{
    public const string Token = "0123456789abcdef0123456789abcdef01234567";

    private int _taskPages;
    private int _fileReads;

    private readonly WebApplication _app;

    private FakeLabelStudio(WebApplication app) => _app = app;

    /// <summary>The tasks <c>/api/tasks</c> lists, each with its <c>project</c>.</summary>
    public JsonArray Tasks { get; } = [];

    /// <summary>Uploaded files by their path under <c>/data/</c>, e.g. <c>upload/1/a.csv</c>.</summary>
    public Dictionary<string, string> Files { get; } = new(StringComparer.Ordinal);

    public Uri Url { get; private set; } = null!;

    /// <summary>How many pages of tasks were asked for.</summary>
    public int TaskPages => _taskPages;

    /// <summary>How many files were downloaded.</summary>
    public int FileReads => _fileReads;

    /// <summary>The backend settings that point at this Label Studio.</summary>
    public Dictionary<string, string?> Settings => new()
    {
        ["LABEL_STUDIO_URL"] = Url.ToString(),
        ["LABEL_STUDIO_API_KEY"] = Token,
    };

    /// <summary>Adds a file as an upload of project 1 and returns the path a task refers to it by.</summary>
    public string Upload(string name, string content)
    {
        Files[$"upload/1/{name}"] = content;
        return $"/data/upload/1/{name}";
    }

    public static async Task<FakeLabelStudio> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var fake = new FakeLabelStudio(app);
        app.Run(fake.HandleAsync);
        await app.StartAsync();
        fake.Url = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return fake;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        if (context.Request.Headers.Authorization.ToString() != $"Token {Token}")
        {
            await WriteAsync(context, 401, new JsonObject { ["detail"] = "Authentication credentials were not provided." });
            return;
        }

        var path = context.Request.Path.Value ?? string.Empty;
        var file = path switch
        {
            "/storage-data/uploaded/" => context.Request.Query["filepath"].ToString(),
            _ when path.StartsWith("/data/", StringComparison.Ordinal) => path["/data/".Length..],
            _ => null,
        };
        if (file is not null)
        {
            if (!Files.TryGetValue(file, out var content))
            {
                await WriteAsync(context, 404, new JsonObject { ["detail"] = "Not found." });
                return;
            }

            Interlocked.Increment(ref _fileReads);
            context.Response.ContentType = file.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) ? "text/csv" : "text/plain";
            await context.Response.WriteAsync(content);
            return;
        }

        if (path == "/api/current-user/whoami")
        {
            await WriteAsync(context, 200, new JsonObject { ["id"] = 1 });
            return;
        }

        if (path != "/api/tasks")
        {
            await WriteAsync(context, 404, new JsonObject { ["detail"] = "Not found." });
            return;
        }

        Interlocked.Increment(ref _taskPages);
        var page = int.Parse(context.Request.Query["page"].ToString());
        var size = int.Parse(context.Request.Query["page_size"].ToString());
        var project = context.Request.Query["project"].ToString();
        var mine = Tasks.Where(task => task!["project"]?.ToString() == project).ToList();
        var slice = mine.Skip((page - 1) * size).Take(size).Select(task => task!.DeepClone()).ToArray();
        if (page > 1 && slice.Length == 0)
        {
            await WriteAsync(context, 404, new JsonObject { ["detail"] = "Invalid page." });
            return;
        }

        await WriteAsync(context, 200, new JsonObject { ["tasks"] = new JsonArray(slice), ["total"] = mine.Count });
    }

    private static Task WriteAsync(HttpContext context, int status, JsonNode body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(body.ToJsonString());
    }
}
