using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using LabelStudio.ML.Testing;
using LabelStudio.ML.Tests.Support;
using LabelStudio.ML.Tests.TaskData;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace LabelStudio.ML.Tests.Observability;

/// <summary>A scripted workload, then one scrape of <c>/metrics</c>: every counter and histogram moved by what was done.</summary>
public sealed class MetricsWorkloadTests
{
    private const string Upload = "/data/upload/1/review.txt";
    private const string UploadContent = "a good film";

    internal static async Task<PrometheusText> ScrapeAsync(TestBackend backend)
    {
        using var response = await backend.Client.GetAsync("/metrics");
        response.EnsureSuccessStatusCode();
        return new PrometheusText(await response.Content.ReadAsStringAsync());
    }

    internal static async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"timed out waiting for {what}");
            await Task.Delay(50);
        }
    }

    [Fact]
    public async Task Predictions_task_data_and_training_move_their_metrics()
    {
        await using var fake = await FakeLabelStudio.StartAsync();
        fake.Files["/storage-data/uploaded/?filepath=upload/1/review.txt"] = FakeFile.Text(UploadContent);
        await using var backend = await TestBackend.StartAsync<ObservedModel>(new Dictionary<string, string?>
        {
            ["LABEL_STUDIO_URL"] = fake.Url.ToString(),
            ["LABEL_STUDIO_API_KEY"] = FakeLabelStudio.LegacyToken,
            ["TRAINING_DEBOUNCE_MS"] = "0",
        });

        // Two tasks, one inline and one upload (downloaded: a cache miss); then the upload again (a cache hit).
        await backend.PredictAsync(ObservedModel.LabelConfig, [Payloads.Task(1, "good"), Payloads.Task(2, Upload)]);
        await backend.PredictAsync(ObservedModel.LabelConfig, [Payloads.Task(3, Upload)]);
        // An upload Label Studio does not have: a task-data failure of category NotFound, and a failed prediction.
        using (var failed = await backend.PostJsonAsync("/predict", Payloads.Predict(ObservedModel.LabelConfig, "1.1700000000", Payloads.Task(4, "/data/upload/1/gone.txt"))))
        {
            Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        }

        // A training job, which bumps the version 0.0.1 → 0.1.0, then a prediction served with it.
        await backend.WebhookAsync("ANNOTATION_CREATED", ObservedModel.LabelConfig, Payloads.Task(1, "good"));
        await WaitUntilAsync(async () => (await ScrapeAsync(backend)).Value("labelstudio_ml_training_jobs_finished_total", ("state", "succeeded")) == 1, "the training job");
        await backend.PredictAsync(ObservedModel.LabelConfig, [Payloads.Task(5, "bad")]);

        var metrics = await ScrapeAsync(backend);
        var model = ("model", nameof(ObservedModel));
        Assert.Equal(3, metrics.Value("labelstudio_ml_predictions_total", model, ("outcome", "ok")));
        Assert.Equal(1, metrics.Value("labelstudio_ml_predictions_total", model, ("outcome", "error")));
        Assert.Equal(4, metrics.Value("labelstudio_ml_predicted_tasks_total", model));
        // Tasks per request: 2, 1, 1, 1.
        Assert.Equal(4, metrics.Value("labelstudio_ml_predict_request_tasks_count", model));
        Assert.Equal(5, metrics.Value("labelstudio_ml_predict_request_tasks_sum", model));
        Assert.Equal(3, metrics.Value("labelstudio_ml_predict_request_tasks_bucket", model, ("le", "1")));
        Assert.Equal(4, metrics.Value("labelstudio_ml_predict_request_tasks_bucket", model, ("le", "2")));
        Assert.Equal(4, metrics.Value("labelstudio_ml_predict_duration_seconds_count", model));
        Assert.True(metrics.Value("labelstudio_ml_predict_duration_seconds_sum", model) > 0);

        Assert.Equal(1, metrics.Value("labelstudio_ml_task_data_cache_requests_total", ("result", "miss")));
        Assert.Equal(1, metrics.Value("labelstudio_ml_task_data_cache_requests_total", ("result", "hit")));
        Assert.Equal(UploadContent.Length, metrics.Value("labelstudio_ml_task_data_downloaded_bytes_total"));
        Assert.Equal(1, metrics.Value("labelstudio_ml_task_data_errors_total", ("category", "not_found")));
        Assert.Equal(0, metrics.Value("labelstudio_ml_task_data_errors_total", ("category", "unauthorized")));

        Assert.Equal(1, metrics.Value("labelstudio_ml_training_jobs_finished_total", ("state", "succeeded")));
        Assert.Equal(0, metrics.Value("labelstudio_ml_training_jobs_finished_total", ("state", "failed")));
        Assert.Equal(1, metrics.Value("labelstudio_ml_training_job_duration_seconds_count", ("state", "succeeded")));
        Assert.Equal(0, metrics.Value("labelstudio_ml_training_jobs", ("state", "running")));
        Assert.Equal(0, metrics.Value("labelstudio_ml_training_jobs", ("state", "queued")));
        var version = Assert.Single(metrics.Series("labelstudio_ml_model_version_info", ("project", "1")));
        Assert.Equal("0.1.0", version.Labels["version"]);
        Assert.Equal(1, version.Value);

        Assert.Equal(3, metrics.Value("http_requests_received_total", ("endpoint", "/predict"), ("code", "200")));
        Assert.Equal(1, metrics.Value("http_requests_received_total", ("endpoint", "/predict"), ("code", "500")));
        Assert.Equal(1, metrics.Value("http_requests_received_total", ("endpoint", "/webhook"), ("code", "201")));
        Assert.Equal(4, metrics.Series("http_request_duration_seconds_count", ("endpoint", "/predict")).Sum(series => series.Value));

        Assert.True(metrics.Value("process_working_set_bytes") > 0);
        Assert.True(metrics.Value("process_start_time_seconds") > 0);
        Assert.NotEmpty(metrics.Series("dotnet_collection_count_total", ("generation", "0")));
        Assert.True(metrics.Value("dotnet_threadpool_threads") >= 1);
        Assert.True(metrics.Value("dotnet_gc_heap_size_bytes") > 0);
        Assert.True(metrics.Value("dotnet_gc_allocated_bytes_total") > 0);
    }

    [Fact]
    public async Task Backpressure_shows_in_flight_and_rejected_predictions()
    {
        var gate = new BlockingSwitch();
        await using var backend = await TestBackend.StartAsync<BlockingModel>(
            new Dictionary<string, string?> { ["MAX_CONCURRENT_PREDICTIONS"] = "1", ["MAX_QUEUED_PREDICTIONS"] = "0" },
            services => services.AddSingleton(gate));
        var held = backend.PostJsonAsync("/predict", Payloads.Predict(Payloads.SentimentConfig, "1.1", Payloads.Task(1, "x")));
        await WaitUntilAsync(() => Task.FromResult(Volatile.Read(ref gate.Entered) == 1), "the first prediction");
        using (var rejected = await backend.PostJsonAsync("/predict", Payloads.Predict(Payloads.SentimentConfig, "1.1", Payloads.Task(2, "x"))))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, rejected.StatusCode);
        }

        var during = await ScrapeAsync(backend);
        var model = ("model", nameof(BlockingModel));
        Assert.Equal(1, during.Value("labelstudio_ml_predictions_in_flight", model));
        Assert.Equal(0, during.Value("labelstudio_ml_predictions_queued", model, ("queue", "gate")));
        Assert.Equal(1, during.Value("labelstudio_ml_predict_rejections_total", model, ("reason", "queue_full")));
        Assert.Equal(0, during.Value("labelstudio_ml_predict_rejections_total", model, ("reason", "queue_timeout")));

        gate.Release.SetResult();
        (await held).Dispose();
        var after = await ScrapeAsync(backend);
        Assert.Equal(0, after.Value("labelstudio_ml_predictions_in_flight", model));
        Assert.Equal(1, after.Value("http_requests_received_total", ("endpoint", "/predict"), ("code", "503")));
    }

    [Fact]
    public async Task Batched_predictions_record_their_batch_sizes()
    {
        var log = new BatchLog();
        await using var backend = await TestBackend.StartAsync<EchoBatchModel>(services: services => services.AddSingleton(log));
        var tasks = Enumerable.Range(1, 3).Select(id => new JsonObject { ["id"] = id, ["data"] = new JsonObject { ["text"] = $"t{id}" } });
        await backend.PredictAsync("<View><Text name=\"text\" value=\"$text\"/><TextArea name=\"answer\" toName=\"text\"/></View>", tasks);

        var metrics = await ScrapeAsync(backend);
        var model = ("model", nameof(EchoBatchModel));
        Assert.Equal(1, metrics.Value("labelstudio_ml_batch_size_tasks_count", model));
        Assert.Equal(3, metrics.Value("labelstudio_ml_batch_size_tasks_sum", model));
        Assert.Equal(1, metrics.Value("labelstudio_ml_batch_size_requests_sum", model));
        Assert.Equal(0, metrics.Value("labelstudio_ml_predictions_queued", model, ("queue", "batch")));
    }

    [Fact]
    public async Task OpenMetrics_is_served_when_the_scraper_asks_for_it()
    {
        await using var backend = await TestBackend.StartAsync<KeywordSentimentModel>();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/openmetrics-text"));
        using var response = await backend.Client.SendAsync(request);
        response.EnsureSuccessStatusCode();
        Assert.Equal("application/openmetrics-text", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        Assert.EndsWith("# EOF\n", text, StringComparison.Ordinal);
        Assert.Contains("# TYPE labelstudio_ml_predictions counter", text, StringComparison.Ordinal);
    }
}
