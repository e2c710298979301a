using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LabelStudio.ML.Tests.TaskData;

/// <summary>One request the fake saw: the URL as the client addressed it (scheme, Host header, raw target).</summary>
internal sealed record RecordedRequest(string Method, string Url, string? Authorization, string Path);

/// <summary>A file the fake serves.</summary>
internal sealed record FakeFile(byte[] Body, TimeSpan Delay = default, bool Chunked = false)
{
    public static FakeFile Text(string text) => new(Encoding.UTF8.GetBytes(text));
}

/// <summary>
/// Label Studio on loopback (real Kestrel, an http and an https port), as it behaves for the SDK: uploads through the
/// storage proxy and the legacy path, local files, the presign endpoint redirecting (303) to a second fake (the
/// "bucket"), token refresh issuing expiring JWTs, the tasks and projects API with paging, and scripted
/// 401/404/slow/oversized answers. With <see cref="RequireAuth"/> off it is a plain file host (the bucket).
/// </summary>
internal sealed partial class FakeLabelStudio : IAsyncDisposable
{
    public const string LegacyToken = "0123456789abcdef0123456789abcdef01234567";

    private readonly WebApplication _app;
    private readonly X509Certificate2 _certificate;
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private readonly ConcurrentDictionary<string, byte> _validAccessTokens = new();
    private int _refreshes;

    private FakeLabelStudio(WebApplication app, X509Certificate2 certificate)
    {
        _app = app;
        _certificate = certificate;
    }

    public byte[] SigningKey { get; } = RandomNumberGenerator.GetBytes(32);

    public TimeProvider Clock { get; set; } = TimeProvider.System;

    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(5);

    public bool RequireAuth { get; set; } = true;

    /// <summary>Answer 200 with a small body for any GET target that is not a known file (vector replay).</summary>
    public bool ServeAnything { get; set; }

    /// <summary>Statuses to answer, in order, to the next file GETs (then normal service resumes).</summary>
    public ConcurrentQueue<int> ScriptedStatuses { get; } = new();

    /// <summary>Files by raw request target (path and query as sent).</summary>
    public ConcurrentDictionary<string, FakeFile> Files { get; } = new(StringComparer.Ordinal);

    /// <summary>Targets answered with a 302 to the given location.</summary>
    public ConcurrentDictionary<string, string> Redirects { get; } = new(StringComparer.Ordinal);

    /// <summary>Where presign redirects go; without one, Label Studio streams cloud files itself.</summary>
    public FakeLabelStudio? Bucket { get; set; }

    public JsonArray Tasks { get; } = [];

    public string LabelConfig { get; set; } = "<View><Text name=\"text\" value=\"$text\"/></View>";

    public Uri Url { get; private set; } = null!;

    public int HttpPort { get; private set; }

    public int HttpsPort { get; private set; }

    public int Refreshes => _refreshes;

    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    public IReadOnlyList<RecordedRequest> Gets => [.. _requests.Where(request => request.Method == "GET")];

    public static async Task<FakeLabelStudio> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        using var certificate = CreateCertificate();
        var pfx = X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pfx), null);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, 0);
            kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(pfx));
        });
        var app = builder.Build();
        var fake = new FakeLabelStudio(app, pfx);
        app.Run(fake.HandleAsync);
        await app.StartAsync();
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        fake.HttpPort = new Uri(addresses.First(address => address.StartsWith("http://", StringComparison.Ordinal))).Port;
        fake.HttpsPort = new Uri(addresses.First(address => address.StartsWith("https://", StringComparison.Ordinal))).Port;
        fake.Url = new Uri($"http://127.0.0.1:{fake.HttpPort}");
        return fake;
    }

    /// <summary>A personal access token (JWT refresh token) this Label Studio accepts.</summary>
    public string IssuePersonalAccessToken(TimeSpan? lifetime = null) =>
        TestJwt.Issue(SigningKey, "refresh", Clock.GetUtcNow() + (lifetime ?? TimeSpan.FromDays(30)));

    /// <summary>Makes every access token issued so far invalid, as a restart with a new secret or a revocation would.</summary>
    public void RevokeAccessTokens() => _validAccessTokens.Clear();

    /// <summary>Stores a cloud object in the bucket, where presign redirects lead.</summary>
    public void PutCloudObject(string cloudUri, FakeFile file)
    {
        var bucket = Bucket ?? throw new InvalidOperationException("No bucket.");
        bucket.Files[$"/{cloudUri[(cloudUri.IndexOf("://", StringComparison.Ordinal) + 3)..]}?X-Amz-Signature=s3cr3t"] = file;
    }

    /// <summary>Connects any host the client names to this server, on loopback: https to the https port, the rest to http.</summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var https = context.InitialRequestMessage.RequestUri?.Scheme == Uri.UriSchemeHttps;
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, https ? HttpsPort : HttpPort), cancellationToken);
        return new NetworkStream(socket, ownsSocket: true);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _certificate.Dispose();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var target = context.Features.Get<IHttpRequestFeature>()!.RawTarget;
        var authorization = request.Headers.Authorization.Count > 0 ? request.Headers.Authorization.ToString() : null;
        _requests.Enqueue(new RecordedRequest(request.Method, $"{request.Scheme}://{request.Host}{target}", authorization, request.Path));

        if (request.Path == "/api/token/refresh/" && HttpMethods.IsPost(request.Method))
        {
            await RefreshAsync(context);
            return;
        }

        if (RequireAuth && !Authorized(authorization))
        {
            await WriteJsonAsync(context, 401, new JsonObject { ["detail"] = "Authentication credentials were not provided." });
            return;
        }

        if (ScriptedStatuses.TryDequeue(out var status))
        {
            context.Response.StatusCode = status;
            await context.Response.WriteAsync($"scripted {status}");
            return;
        }

        if (PresignPath().Match(request.Path.Value ?? "") is { Success: true } presign)
        {
            await PresignAsync(context, request.Query["fileuri"].ToString());
            return;
        }

        if (request.Path == "/api/current-user/whoami")
        {
            await WriteJsonAsync(context, 200, new JsonObject { ["id"] = 1, ["email"] = "ml@example.com" });
            return;
        }

        if (ProjectPath().Match(request.Path.Value ?? "") is { Success: true } project)
        {
            await WriteJsonAsync(context, 200, new JsonObject { ["id"] = long.Parse(project.Groups[1].Value), ["title"] = "Project", ["label_config"] = LabelConfig });
            return;
        }

        if (request.Path == "/api/tasks")
        {
            await ListTasksAsync(context);
            return;
        }

        if (Redirects.TryGetValue(target, out var location))
        {
            context.Response.Redirect(location);
            return;
        }

        if (Files.TryGetValue(target, out var file))
        {
            await ServeAsync(context, file);
            return;
        }

        if (ServeAnything)
        {
            await ServeAsync(context, FakeFile.Text($"content of {target}"));
            return;
        }

        context.Response.StatusCode = 404;
        await context.Response.WriteAsync("not found");
    }

    private bool Authorized(string? authorization)
    {
        if (authorization == $"Token {LegacyToken}")
        {
            return true;
        }

        if (authorization?.StartsWith("Bearer ", StringComparison.Ordinal) != true)
        {
            return false;
        }

        var token = authorization["Bearer ".Length..];
        var claims = TestJwt.Verify(SigningKey, token);
        return claims is not null
            && claims["token_type"]?.GetValue<string>() == "access"
            && claims["exp"]?.GetValue<long>() > Clock.GetUtcNow().ToUnixTimeSeconds()
            && _validAccessTokens.ContainsKey(token);
    }

    private async Task RefreshAsync(HttpContext context)
    {
        var body = await JsonNode.ParseAsync(context.Request.Body);
        var refresh = body?["refresh"]?.GetValue<string>();
        var claims = refresh is null ? null : TestJwt.Verify(SigningKey, refresh);
        if (claims?["token_type"]?.GetValue<string>() != "refresh" || claims["exp"]?.GetValue<long>() <= Clock.GetUtcNow().ToUnixTimeSeconds())
        {
            await WriteJsonAsync(context, 401, new JsonObject { ["detail"] = "Token is invalid or expired", ["code"] = "token_not_valid" });
            return;
        }

        Interlocked.Increment(ref _refreshes);
        var access = TestJwt.Issue(SigningKey, "access", Clock.GetUtcNow() + AccessTokenLifetime);
        _validAccessTokens[access] = 0;
        await WriteJsonAsync(context, 200, new JsonObject { ["access"] = access });
    }

    private async Task PresignAsync(HttpContext context, string fileUri)
    {
        var uri = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(fileUri.TrimEnd('=')));
        if (Bucket is { } bucket)
        {
            var rest = uri[(uri.IndexOf("://", StringComparison.Ordinal) + 3)..];
            context.Response.StatusCode = 303;
            context.Response.Headers.Location = $"{bucket.Url.ToString().TrimEnd('/')}/{rest}?X-Amz-Signature=s3cr3t";
            return;
        }

        if (Files.TryGetValue(uri, out var file) || (ServeAnything && (file = FakeFile.Text($"content of {uri}")) is not null))
        {
            await ServeAsync(context, file);
            return;
        }

        context.Response.StatusCode = 404;
    }

    private async Task ListTasksAsync(HttpContext context)
    {
        var page = int.Parse(context.Request.Query["page"].ToString() is { Length: > 0 } p ? p : "1");
        var size = int.Parse(context.Request.Query["page_size"].ToString() is { Length: > 0 } s ? s : "100");
        var project = context.Request.Query["project"].ToString();
        var mine = Tasks.Where(task => task!["project"]?.ToString() == project).ToList();
        var slice = mine.Skip((page - 1) * size).Take(size).Select(task => task!.DeepClone()).ToArray();
        if (page > 1 && slice.Length == 0)
        {
            await WriteJsonAsync(context, 404, new JsonObject { ["detail"] = "Invalid page." });
            return;
        }

        await WriteJsonAsync(context, 200, new JsonObject { ["tasks"] = new JsonArray(slice), ["total"] = mine.Count });
    }

    private static async Task ServeAsync(HttpContext context, FakeFile file)
    {
        if (file.Delay > TimeSpan.Zero)
        {
            await Task.Delay(file.Delay, context.RequestAborted);
        }

        context.Response.ContentType = "application/octet-stream";
        if (!file.Chunked)
        {
            context.Response.ContentLength = file.Body.Length;
            await context.Response.Body.WriteAsync(file.Body, context.RequestAborted);
            return;
        }

        foreach (var chunk in file.Body.Chunk(1024))
        {
            await context.Response.Body.WriteAsync(chunk, context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
        }
    }

    private static Task WriteJsonAsync(HttpContext context, int status, JsonNode body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(body.ToJsonString());
    }

    private static X509Certificate2 CreateCertificate()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=fake-label-studio", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
    }

    [GeneratedRegex(@"^/tasks/(\d+)/presign/$")]
    private static partial Regex PresignPath();

    [GeneratedRegex(@"^/api/projects/(\d+)/$")]
    private static partial Regex ProjectPath();
}
