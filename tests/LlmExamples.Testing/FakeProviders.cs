using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LlmExamples.Testing;

/// <summary>
/// The provider APIs the LLM examples call, on one loopback port, answering from per-route scripts and recording
/// every request: OpenAI chat completions (any path ending in <c>/chat/completions</c>, so Azure deployment paths too;
/// streamed as server-sent events when the request asks), Google Custom Search (<c>GET /customsearch/v1</c>), IBM
/// IAM (<c>POST /identity/token</c>), watsonx.ai text generation (<c>POST /ml/v1/text/generation</c>) and Presto's
/// statement protocol (<c>POST /v1/statement</c>, then <c>nextUri</c>).
/// </summary>
public sealed class FakeProviders : IAsyncDisposable
{
    public const string Chat = "chat";
    public const string Search = "search";
    public const string Iam = "iam";
    public const string Generation = "generation";
    public const string Presto = "presto";

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<ScriptedAnswer>> _scripts = new();
    private readonly ConcurrentDictionary<string, ScriptedAnswer> _fallbacks = new();
    private int _tokens;
    private int _statements;

    private FakeProviders(WebApplication app) => _app = app;

    public Uri Url { get; private set; } = null!;

    /// <summary>Every request received, oldest first.</summary>
    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    /// <summary>The requests of one route (<see cref="Chat"/>, <see cref="Search"/>, …).</summary>
    public IReadOnlyList<RecordedRequest> RequestsOf(string route) => [.. _requests.Where(request => Route(request.Method, request.Path) == route)];

    /// <summary>The SQL statements Presto received, in order.</summary>
    public IReadOnlyList<string> Statements => [.. RequestsOf(Presto).Where(request => request.Method == "POST").Select(request => request.Body)];

    public static async Task<FakeProviders> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var fake = new FakeProviders(app);
        app.Run(fake.HandleAsync);
        await app.StartAsync();
        fake.Url = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return fake;
    }

    /// <summary>Answers the next requests of <paramref name="route"/> with <paramref name="answers"/>, in order.</summary>
    public void Script(string route, params ScriptedAnswer[] answers)
    {
        var queue = _scripts.GetOrAdd(route, _ => new ConcurrentQueue<ScriptedAnswer>());
        foreach (var answer in answers)
        {
            queue.Enqueue(answer);
        }
    }

    /// <summary>Answers every request of <paramref name="route"/> that has no scripted answer left with <paramref name="answer"/>.</summary>
    public void Always(string route, ScriptedAnswer answer) => _fallbacks[route] = answer;

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static string? Route(string method, string path) => (method, path) switch
    {
        ("POST", _) when path.EndsWith("/chat/completions", StringComparison.Ordinal) => Chat,
        ("GET", "/customsearch/v1") => Search,
        ("POST", "/identity/token") => Iam,
        ("POST", "/ml/v1/text/generation") => Generation,
        (_, _) when path.StartsWith("/v1/statement", StringComparison.Ordinal) => Presto,
        _ => null,
    };

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync();
        var request = new RecordedRequest(
            context.Request.Method,
            context.Request.Path.Value ?? "/",
            context.Request.QueryString.Value ?? "",
            context.Request.Headers.ToDictionary(header => header.Key, header => header.Value.ToString(), StringComparer.OrdinalIgnoreCase),
            body);
        _requests.Enqueue(request);
        var route = Route(request.Method, request.Path);
        if (route is null)
        {
            await WriteAsync(context, ScriptedAnswer.Error(404, $"no such fake route: {request.Method} {request.Path}"));
            return;
        }

        var answer = _scripts.TryGetValue(route, out var queue) && queue.TryDequeue(out var next) ? next
            : _fallbacks.TryGetValue(route, out var fallback) ? fallback
            : Default(route, request, context);
        if (answer.Delay > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(answer.Delay, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }

        if (route == Chat && answer.Status == 200 && request.Json["stream"]?.GetValue<bool>() == true)
        {
            context.Response.StatusCode = 200;
            context.Response.ContentType = "text/event-stream";
            await context.Response.WriteAsync(ChatAnswers.ToEventStream(JsonNode.Parse(answer.Body)!.AsObject()));
            return;
        }

        await WriteAsync(context, answer);
    }

    /// <summary>What a route answers without a script: tokens for IAM, the statement protocol for Presto, else a 500 naming the gap.</summary>
    private ScriptedAnswer Default(string route, RecordedRequest request, HttpContext context)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        switch (route)
        {
            case Iam:
                var number = Interlocked.Increment(ref _tokens);
                return ScriptedAnswer.Json(new JsonObject
                {
                    ["access_token"] = $"iam-token-{number}",
                    ["refresh_token"] = "not_supported",
                    ["token_type"] = "Bearer",
                    ["expires_in"] = 3600,
                    ["expiration"] = now + 3600,
                    ["scope"] = "ibm openid",
                });
            case Presto when request.Method == "POST":
                var id = $"20261126_{Interlocked.Increment(ref _statements):D6}_test";
                return ScriptedAnswer.Json(new JsonObject
                {
                    ["id"] = id,
                    ["infoUri"] = new Uri(Url, $"ui/query.html?{id}").ToString(),
                    ["nextUri"] = new Uri(Url, $"v1/statement/queued/{id}/1").ToString(),
                    ["stats"] = new JsonObject { ["state"] = "QUEUED" },
                });
            case Presto:
                var query = request.Path.Split('/')[^2];
                return ScriptedAnswer.Json(new JsonObject
                {
                    ["id"] = query,
                    ["infoUri"] = new Uri(Url, $"ui/query.html?{query}").ToString(),
                    ["columns"] = new JsonArray(new JsonObject { ["name"] = "rows", ["type"] = "bigint" }),
                    ["data"] = new JsonArray(new JsonArray(1)),
                    ["stats"] = new JsonObject { ["state"] = "FINISHED" },
                });
            default:
                return ScriptedAnswer.Error(500, $"the test scripted no answer for {route} request {request.Method} {request.Path}");
        }
    }

    private static Task WriteAsync(HttpContext context, ScriptedAnswer answer)
    {
        context.Response.StatusCode = answer.Status;
        context.Response.ContentType = "application/json";
        foreach (var (name, value) in answer.Headers ?? new Dictionary<string, string>())
        {
            context.Response.Headers[name] = value;
        }

        return context.Response.WriteAsync(answer.Body);
    }
}
