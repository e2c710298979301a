using System.Diagnostics;
using System.Net;
using System.Text;
using LabelStudio.ML.Testing;
using LabelStudio.ML.Tests.Support;
using LabelStudio.ML.Tests.TaskData;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;
using Xunit;

namespace LabelStudio.ML.Tests.Observability;

public sealed class TracingTests
{
    private static async Task<(TestBackend Backend, List<Activity> Spans)> StartTracedAsync(FakeLabelStudio fake)
    {
        var spans = new List<Activity>();
        var backend = await TestBackend.StartAsync<ObservedModel>(
            new Dictionary<string, string?>
            {
                ["LABEL_STUDIO_URL"] = fake.Url.ToString(),
                ["LABEL_STUDIO_API_KEY"] = FakeLabelStudio.LegacyToken,
                ["TRAINING_DEBOUNCE_MS"] = "0",
            },
            services => services.AddOpenTelemetry().WithTracing(tracing => tracing
                .AddSource(LabelStudioTelemetry.ActivitySourceName)
                .AddAspNetCoreInstrumentation()
                .AddInMemoryExporter(spans)));
        return (backend, spans);
    }

    private static Activity[] Snapshot(List<Activity> spans)
    {
        lock (spans)
        {
            return [.. spans];
        }
    }

    [Fact]
    public async Task A_prediction_is_a_request_span_with_the_model_call_and_its_task_data_fetch_inside()
    {
        await using var fake = await FakeLabelStudio.StartAsync();
        fake.Files["/storage-data/uploaded/?filepath=upload/9/doc.txt"] = FakeFile.Text("good");
        var (backend, spans) = await StartTracedAsync(fake);
        await using (backend)
        {
            await backend.PredictAsync(ObservedModel.LabelConfig, [Payloads.Task(41, "/data/upload/9/doc.txt")], project: "9.1700000000");
        }

        var all = Snapshot(spans);
        // Other tests run backends in this process too: keep the trace of this backend's /predict.
        var request = Assert.Single(all, span => span.Kind == ActivityKind.Server
            && span.GetTagItem("url.path") as string == "/predict"
            && (span.GetTagItem("server.port") as int?) == backend.Address.Port);
        var trace = all.Where(span => span.TraceId == request.TraceId).ToArray();
        var predict = Assert.Single(trace, span => span.OperationName == "predict");
        Assert.Equal(request.SpanId, predict.ParentSpanId);
        Assert.Equal("9", predict.GetTagItem("labelstudio.project"));
        Assert.Equal(1, predict.GetTagItem("labelstudio.tasks"));
        Assert.Equal("0.0.1", predict.GetTagItem("labelstudio.model_version"));
        var fetch = Assert.Single(trace, span => span.OperationName == "task-data fetch");
        Assert.Equal(predict.SpanId, fetch.ParentSpanId);
        Assert.Equal(41L, fetch.GetTagItem("labelstudio.task"));
        Assert.Equal("Upload", fetch.GetTagItem("labelstudio.task_data.kind"));
        // The fetch's own HTTP download is no span of ours, and no span names the URL.
        Assert.DoesNotContain(trace, span => span.Tags.Any(tag => tag.Value?.Contains("doc.txt", StringComparison.Ordinal) == true));
    }

    [Fact]
    public async Task A_training_job_is_a_trace_of_its_own()
    {
        await using var fake = await FakeLabelStudio.StartAsync();
        var (backend, spans) = await StartTracedAsync(fake);
        string jobId;
        await using (backend)
        {
            var answer = await backend.WebhookAsync("ANNOTATION_CREATED", ObservedModel.LabelConfig, Payloads.Task(1, "good"), projectId: 12);
            jobId = answer["job"]!.GetValue<string>();
            await MetricsWorkloadTests.WaitUntilAsync(
                () => Task.FromResult(Snapshot(spans).Any(span => span.OperationName == "training job" && span.GetTagItem("labelstudio.training.job") as string == jobId)),
                "the training job's span");
        }

        var job = Assert.Single(Snapshot(spans), span => span.OperationName == "training job" && span.GetTagItem("labelstudio.training.job") as string == jobId);
        Assert.Equal(default, job.ParentSpanId);
        Assert.Equal("12", job.GetTagItem("labelstudio.project"));
        Assert.Equal(1, job.GetTagItem("labelstudio.training.events"));
        Assert.Equal(ActivityStatusCode.Unset, job.Status);
    }

    [Fact]
    public async Task With_OTEL_EXPORTER_OTLP_ENDPOINT_set_spans_are_exported_over_OTLP()
    {
        var port = BackendProcess.FreeLoopbackPort();
        using var collector = new HttpListener();
        collector.Prefixes.Add($"http://127.0.0.1:{port}/");
        collector.Start();
        var received = CollectAsync(collector);

        await using (var backend = await TestBackend.StartAsync<KeywordSentimentModel>(new Dictionary<string, string?>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = $"http://127.0.0.1:{port}",
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
        }))
        {
            Assert.True(backend.Services.GetRequiredService<TracingSetup>().Enabled);
            await backend.PredictAsync(Payloads.SentimentConfig, [Payloads.Task(1, "good")]);
        }

        // Stopping the backend flushes what the batch exporter still held.
        var (path, body) = await received.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal("/v1/traces", path);
        var text = Encoding.UTF8.GetString(body);
        Assert.Contains("predict", text, StringComparison.Ordinal);
        Assert.Contains(nameof(KeywordSentimentModel), text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_an_OTLP_endpoint_tracing_is_off()
    {
        await using var backend = await TestBackend.StartAsync<KeywordSentimentModel>();
        Assert.False(backend.Services.GetRequiredService<TracingSetup>().Enabled);
    }

    private static async Task<(string Path, byte[] Body)> CollectAsync(HttpListener collector)
    {
        var context = await collector.GetContextAsync();
        using var body = new MemoryStream();
        await context.Request.InputStream.CopyToAsync(body);
        context.Response.StatusCode = 200;
        context.Response.Close();
        return (context.Request.Url!.AbsolutePath, body.ToArray());
    }
}
