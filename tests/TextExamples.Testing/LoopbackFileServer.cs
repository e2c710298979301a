using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace TextExamples.Testing;

/// <summary>
/// Files served over HTTP on 127.0.0.1 (a free port), as a model host would serve them; unknown paths answer 404.
/// Counts the requests for each path, so a test can tell whether a backend downloaded a file again.
/// </summary>
public sealed class LoopbackFileServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, byte[]> _files = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _requests = new(StringComparer.Ordinal);

    private LoopbackFileServer(WebApplication app) => _app = app;

    /// <summary>The server's root, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri Url { get; private set; } = null!;

    public static async Task<LoopbackFileServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new LoopbackFileServer(app);
        app.Run(server.HandleAsync);
        await app.StartAsync();
        server.Url = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/");
        return server;
    }

    /// <summary>Serves <paramref name="bytes"/> at <paramref name="path"/> (e.g. <c>models/end2end.onnx</c>); returns its URL.</summary>
    public Uri Add(string path, byte[] bytes)
    {
        _files[path.TrimStart('/')] = bytes;
        return new Uri(Url, path.TrimStart('/'));
    }

    /// <summary>Serves the file at <paramref name="file"/> under its own name in <paramref name="folder"/>; returns its URL.</summary>
    public Uri AddFile(string folder, string file) => Add($"{folder.Trim('/')}/{Path.GetFileName(file)}", File.ReadAllBytes(file));

    /// <summary>How many requests asked for <paramref name="path"/> (found or not).</summary>
    public int Requests(string path) => _requests.TryGetValue(path.TrimStart('/'), out var count) ? count : 0;

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value!.TrimStart('/');
        _requests.AddOrUpdate(path, 1, (_, count) => count + 1);
        if (!_files.TryGetValue(path, out var bytes))
        {
            context.Response.StatusCode = 404;
            return;
        }

        context.Response.ContentType = "application/octet-stream";
        context.Response.ContentLength = bytes.Length;
        await context.Response.Body.WriteAsync(bytes);
    }
}
