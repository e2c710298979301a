using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Prometheus;

namespace LabelStudio.ML;

/// <summary>Maps the endpoints Label Studio calls.</summary>
public static class LabelStudioMLApplicationExtensions
{
    private const string EndpointList =
        "GET /, GET /health, POST /setup, POST /predict, POST /webhook, GET /metrics, GET /alive, GET /ready, GET /jobs, GET /jobs/{id} and DELETE /jobs/{id}";

    /// <summary>
    /// Adds basic auth (when configured), request metrics and the endpoints <c>GET /</c>, <c>GET /health</c>,
    /// <c>POST /setup</c>, <c>POST /predict</c>, <c>POST /webhook</c>, <c>GET /metrics</c> (Prometheus), the probes
    /// <c>GET /alive</c> and <c>GET /ready</c>, and the training jobs API. Every failure answers with the JSON error
    /// envelope. Starts trace export when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set.
    /// </summary>
    public static WebApplication MapLabelStudioMLBackend(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var endpoints = app.Services.GetRequiredService<BackendEndpoints>();
        var errors = app.Services.GetRequiredService<EndpointErrorHandler>();
        var jobs = app.Services.GetRequiredService<TrainingEndpoints>();
        var probes = app.Services.GetRequiredService<ProbeEndpoints>();
        var registry = app.Services.GetRequiredService<MetricsRegistry>().Registry;
        app.Services.GetRequiredService<BackendMetrics>().Observe(
            app.Services.GetRequiredService<PredictionGate>(),
            app.Services.GetRequiredService<PredictionBatcher>(),
            app.Services.GetRequiredService<ITrainingQueue>());
        // Built now, before the first request, so that request spans are exported from the start (when configured).
        app.Services.GetRequiredService<TracingSetup>();

        app.UseMiddleware<RequestHeaderLogging>();
        app.UseMiddleware<BasicAuthMiddleware>();
        app.UseStatusCodePages(WriteStatusEnvelope);
        app.UseHttpMetrics(metrics => metrics.SetMetricFactory(Metrics.WithCustomRegistry(registry)));
        app.Use(RejectTrailingSlash);

        app.MapMethods("/", [HttpMethods.Get, HttpMethods.Head], errors.Wrap(endpoints.HealthAsync));
        app.MapMethods("/health", [HttpMethods.Get, HttpMethods.Head], errors.Wrap(endpoints.HealthAsync));
        app.MapPost("/setup", errors.Wrap(endpoints.SetupAsync));
        app.MapPost("/predict", errors.Wrap(endpoints.PredictAsync));
        app.MapPost("/webhook", errors.Wrap(endpoints.WebhookAsync));
        app.MapMetrics("/metrics", registry);
        app.MapMethods("/alive", [HttpMethods.Get, HttpMethods.Head], ProbeEndpoints.AliveAsync);
        app.MapMethods("/ready", [HttpMethods.Get, HttpMethods.Head], errors.Wrap(probes.ReadyAsync));
        app.MapGet("/jobs", errors.Wrap(jobs.ListAsync));
        app.MapGet("/jobs/{id}", errors.Wrap(jobs.GetAsync));
        app.MapDelete("/jobs/{id}", errors.Wrap(jobs.CancelAsync));

        app.Lifetime.ApplicationStarted.Register(() => LogStarted(app));
        return app;
    }

    /// <summary>
    /// Paths are exact (SPEC §2.0.1): routing would also match <c>/predict/</c> to <c>/predict</c>, which Label Studio
    /// never calls, so a trailing slash is answered 404 as in the original.
    /// </summary>
    private static Task RejectTrailingSlash(HttpContext context, RequestDelegate next)
    {
        var path = context.Request.Path.Value;
        if (path is { Length: > 1 } && path.EndsWith('/'))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }

        return next(context);
    }

    private static Task WriteStatusEnvelope(StatusCodeContext statusContext)
    {
        var context = statusContext.HttpContext;
        var status = context.Response.StatusCode;
        var request = context.Request;
        var detail = status switch
        {
            StatusCodes.Status404NotFound => $"No endpoint at {request.Method} {request.Path}. This backend serves {EndpointList}.",
            StatusCodes.Status405MethodNotAllowed => $"{request.Method} is not allowed on {request.Path}. This backend serves {EndpointList}.",
            _ => $"{request.Method} {request.Path} failed with status {status}.",
        };
        return ErrorEnvelope.WriteAsync(context, status, detail, detail);
    }

    private static void LogStarted(WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<LabelStudioMLOptions>>().Value;
        var registration = app.Services.GetRequiredService<ModelRegistration>();
        var store = app.Services.GetRequiredService<IStateStore>();
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses;
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("LabelStudio.ML");
        Log.Started(
            logger,
            registration.ModelClassName,
            addresses is null ? "(unknown)" : string.Join(", ", addresses),
            Path.GetFullPath(options.ModelDir),
            store is SqliteStateStore sqlite ? sqlite.DatabasePath : store.ToString() ?? store.GetType().Name,
            options.BasicAuthEnabled ? $"on (user '{options.BasicAuthUser}', password ***)" : "off",
            options.TrainingMode.ToString().ToLowerInvariant(),
            options.LogLevel,
            options.MaxRequestBodySize);
        var connection = app.Services.GetRequiredService<IOptions<LabelStudioConnectionOptions>>().Value;
        Log.EffectiveSettings(logger, EffectiveSettings.OneLine(EffectiveSettings.Describe(options, connection, EffectiveSettings.Masking.Secrets)));
    }
}
