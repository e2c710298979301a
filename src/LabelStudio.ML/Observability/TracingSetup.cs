using Microsoft.Extensions.Options;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace LabelStudio.ML;

/// <summary>
/// Exports traces over OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set: the ASP.NET Core request spans and the
/// backend's own (<see cref="LabelStudioTelemetry.ActivitySourceName"/>). When it is not set nothing listens, so
/// no span is ever created. Disposed with the application, which flushes the spans still buffered.
/// </summary>
internal sealed class TracingSetup : IDisposable
{
    private readonly TracerProvider? _provider;

    public TracingSetup(IOptions<LabelStudioMLOptions> options, ModelRegistration registration)
    {
        var settings = options.Value;
        if (string.IsNullOrWhiteSpace(settings.OtlpEndpoint))
        {
            return;
        }

        var httpProtobuf = settings.OtlpProtocol == "http/protobuf";
        var endpoint = new Uri(settings.OtlpEndpoint);
        if (httpProtobuf && !endpoint.AbsolutePath.EndsWith("/v1/traces", StringComparison.Ordinal))
        {
            // The variable names the collector's base address; an exporter configured in code needs the signal's path.
            endpoint = new Uri(endpoint, endpoint.AbsolutePath.TrimEnd('/') + "/v1/traces");
        }

        var serviceName = Environment.GetEnvironmentVariable("OTEL_SERVICE_NAME") is { Length: > 0 } name ? name : registration.ModelClassName;
        _provider = Sdk.CreateTracerProviderBuilder()
            .SetResourceBuilder(ResourceBuilder.CreateDefault().AddService(serviceName))
            .AddSource(LabelStudioTelemetry.ActivitySourceName)
            .AddAspNetCoreInstrumentation(aspNetCore =>
                // The probes and the scrape run every few seconds: tracing them would drown the predictions.
                aspNetCore.Filter = context => !IsPolled(context.Request.Path.Value))
            .AddOtlpExporter(otlp =>
            {
                otlp.Endpoint = endpoint;
                otlp.Protocol = httpProtobuf ? OtlpExportProtocol.HttpProtobuf : OtlpExportProtocol.Grpc;
            })
            .Build();
    }

    /// <summary>Whether traces are exported.</summary>
    public bool Enabled => _provider is not null;

    public void Dispose() => _provider?.Dispose();

    private static bool IsPolled(string? path) => path is "/metrics" or "/alive" or "/ready" or "/health" or "/";
}
