using System.Net;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LabelStudio.ML;

/// <summary>
/// When <c>LABEL_STUDIO_URL</c> is set, checks in the background at start that Label Studio answers and accepts the
/// token (<c>GET /api/current-user/whoami</c>), and logs one line either way. Never delays readiness; bounded by
/// <see cref="LabelStudioConnectionOptions.StartupCheckTimeout"/>.
/// </summary>
internal sealed class LabelStudioStartupCheck(LabelStudioClient client, IOptions<LabelStudioConnectionOptions> options, ILogger<LabelStudioStartupCheck> logger)
    : IHostedService, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private Task _check = Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!string.IsNullOrWhiteSpace(options.Value.Url))
        {
            _check = Task.Run(() => CheckAsync(_stopping.Token), CancellationToken.None);
        }

        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _check.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    public void Dispose() => _stopping.Dispose();

    internal async Task CheckAsync(CancellationToken stopping)
    {
        var settings = options.Value;
        var url = UrlRedaction.Redact(settings.Url ?? "");
        if (LabelStudioAddress.TryGet(settings) is { } baseUri && (baseUri.IsLoopback || baseUri.Host.Equals("localhost", StringComparison.OrdinalIgnoreCase)))
        {
            Log.LabelStudioOnLocalhost(logger, url);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        timeout.CancelAfter(settings.StartupCheckTimeout);
        try
        {
            await client.GetJsonAsync("/api/current-user/whoami", timeout.Token).ConfigureAwait(false);
            var kind = LabelStudioTokenProvider.KindOf(settings.ApiKey!);
            Log.LabelStudioAnswered(logger, url, LabelStudioTokenProvider.Describe(kind));
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // The server is stopping; nothing to report.
        }
        catch (OperationCanceledException)
        {
            Log.LabelStudioCheckFailed(logger, url,
                $"it did not answer within {settings.StartupCheckTimeout.TotalSeconds:0.#} s. Check that this address is reachable from the backend " +
                "(inside Docker, 'localhost' is the container itself).");
        }
        catch (TaskDataException ex)
        {
            var problem = ex.StatusCode == (int)HttpStatusCode.NotFound
                ? $"it answered 404 to /api/current-user/whoami. Check that LABEL_STUDIO_URL is Label Studio's own address (with any path prefix it is served under)."
                : ex.Message;
            Log.LabelStudioCheckFailed(logger, url, problem);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or InvalidOperationException)
        {
            // The check only informs; an unexpected failure is reported, never thrown into the host.
            Log.LabelStudioCheckFailed(logger, url, ex.Message);
        }
    }
}
