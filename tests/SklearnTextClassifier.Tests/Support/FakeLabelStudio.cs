using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SklearnTextClassifier.Tests.Support;

/// <summary>
/// The part of Label Studio's API that training reads, on loopback: <c>/api/tasks?project=…&amp;page=…&amp;page_size=…</c>
/// answering <c>{"tasks": […], "total": n}</c> page by page (404 past the last page), and the start-up check's
/// <c>/api/current-user/whoami</c>. It wants the API key in the <c>Authorization</c> header.
/// </summary>
internal sealed class FakeLabelStudio : IAsyncDisposable
{
    public const string ApiKey = "0123456789abcdef0123456789abcdef01234567";

    private readonly WebApplication _app;
    private int _taskPages;

    private FakeLabelStudio(WebApplication app) => _app = app;

    public JsonArray Tasks { get; } = [];

    public Uri Url { get; private set; } = null!;

    /// <summary>How many pages of tasks were asked for.</summary>
    public int TaskPages => _taskPages;

    /// <summary>The backend settings that point at this Label Studio.</summary>
    public Dictionary<string, string?> Settings => new() { ["LABEL_STUDIO_URL"] = Url.ToString(), ["LABEL_STUDIO_API_KEY"] = ApiKey };

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
        if (context.Request.Headers.Authorization.ToString() != $"Token {ApiKey}")
        {
            await WriteAsync(context, 401, new JsonObject { ["detail"] = "Authentication credentials were not provided." });
            return;
        }

        if (context.Request.Path == "/api/current-user/whoami")
        {
            await WriteAsync(context, 200, new JsonObject { ["id"] = 1 });
            return;
        }

        if (context.Request.Path != "/api/tasks")
        {
            await WriteAsync(context, 404, new JsonObject { ["detail"] = "Not found." });
            return;
        }

        Interlocked.Increment(ref _taskPages);
        var query = context.Request.Query;
        var page = int.Parse(query["page"].ToString());
        var size = int.Parse(query["page_size"].ToString());
        var mine = Tasks.Where(task => task!["project"]!.ToString() == query["project"].ToString()).ToList();
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
