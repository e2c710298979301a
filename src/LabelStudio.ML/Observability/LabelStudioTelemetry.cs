using System.Diagnostics;

namespace LabelStudio.ML;

/// <summary>
/// The names the backend's traces are published under. The backend exports them itself over OTLP when
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set; an application with its own OpenTelemetry set-up adds
/// <see cref="ActivitySourceName"/> to its tracer provider instead.
/// </summary>
public static class LabelStudioTelemetry
{
    /// <summary>The <see cref="ActivitySource"/> of the backend's spans: <c>predict</c>, <c>task-data fetch</c>, <c>training job</c>.</summary>
    public const string ActivitySourceName = "LabelStudio.ML";

    /// <summary>
    /// Where spans start. Without a listener (no tracing set up) <see cref="ActivitySource.StartActivity(string, ActivityKind)"/>
    /// returns <see langword="null"/> at the cost of one check.
    /// </summary>
    internal static readonly ActivitySource Source = new(ActivitySourceName, typeof(LabelStudioTelemetry).Assembly.GetName().Version?.ToString());
}
