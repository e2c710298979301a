using System.Net;
using System.Text.Json.Nodes;
using LabelStudio.ML.Testing;
using LabelStudio.ML.Tests.Support;
using LabelStudio.ML.TrainingHost;
using Xunit;

namespace LabelStudio.ML.Tests.Training;

/// <summary>Training events as background jobs, in-process (the kill and restart tests run real processes).</summary>
public sealed class BackgroundTrainingTests
{
    private static Task<TestBackend> StartAsync(int fitDelayMs, int debounceMs = 50, int maxParallel = 2, Dictionary<string, string?>? more = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["FIT_DELAY_MS"] = fitDelayMs.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["TRAINING_DEBOUNCE_MS"] = debounceMs.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["TRAINING_MAX_PARALLEL"] = maxParallel.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        foreach (var (key, value) in more ?? [])
        {
            settings[key] = value;
        }

        return TestBackend.StartAsync<TrainableModel>(settings);
    }

    [Fact]
    public async Task The_webhook_answers_with_a_job_that_then_trains_a_new_version()
    {
        await using var backend = await StartAsync(fitDelayMs: 400);
        var jobId = await TrainingCalls.SendAsync(backend.Client, TrainingEvent.StartTraining, 3);

        // The answer came before the fit could have finished.
        Assert.NotEqual("succeeded", TrainingCalls.State(await TrainingCalls.GetAsync(backend.Client, jobId)));

        var job = await TrainingCalls.WaitAsync(backend.Client, jobId);
        Assert.Equal("succeeded", TrainingCalls.State(job));
        Assert.Equal("0.0.1", job["model_version_before"]!.GetValue<string>());
        Assert.Equal("1.0.0", job["model_version_after"]!.GetValue<string>());
        Assert.Equal(1, job["attempts"]!.GetValue<int>());
        Assert.Equal(1.0, job["progress"]!.GetValue<double>());
        Assert.Equal("step 4 of 4", job["progress_message"]!.GetValue<string>());
        JsonAssert.Equal(JsonNode.Parse("""{"version": "1.0.0", "events": ["START_TRAINING"]}"""), job["result"]);

        Assert.Equal("1.0.0", await backend.SetupAsync(Payloads.SentimentConfig, project: "3.1"));
        var prediction = (await backend.PredictAsync(Payloads.SentimentConfig, [Payloads.Task(1, "x")], project: "3.1"))[0]!;
        Assert.Equal("1.0.0", prediction["model_version"]!.GetValue<string>());
        Assert.Equal("1.0.0", prediction["result"]![0]!["value"]!["text"]![0]!.GetValue<string>());

        Assert.Contains(backend.Logs.Lines, line => line.Contains($"Training job {jobId} of project '3' started", StringComparison.Ordinal));
        Assert.Contains(backend.Logs.Lines, line => line.Contains($"Training job {jobId} of project '3' at 50%", StringComparison.Ordinal));
        Assert.Contains(backend.Logs.Lines, line => line.Contains($"Training job {jobId} of project '3' succeeded", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_burst_of_events_folds_into_a_few_jobs_that_run_one_at_a_time()
    {
        await using var backend = await StartAsync(fitDelayMs: 200, debounceMs: 100);
        var ids = await Task.WhenAll(Enumerable.Range(0, 100).Select(_ => TrainingCalls.SendAsync(backend.Client, TrainingEvent.AnnotationCreated, 5)));

        var jobs = await TrainingCalls.WaitForProjectAsync(backend.Client, 5);
        Assert.Equal(jobs.Count, ids.Distinct().Count());
        Assert.InRange(jobs.Count, 1, 5);
        Assert.All(jobs, job => Assert.Equal("succeeded", TrainingCalls.State(job)));
        Assert.Equal(100, jobs.Sum(job => job["events_folded"]!.GetValue<int>()));
        Assert.All(jobs, job => Assert.Equal(job["events_folded"]!.GetValue<int>(), job["result"]!["events"]!.AsArray().Count));

        var runs = jobs.Select(job => (Start: TrainingCalls.Time(job, "started_at"), End: TrainingCalls.Time(job, "finished_at"))).OrderBy(run => run.Start).ToList();
        for (var i = 1; i < runs.Count; i++)
        {
            Assert.True(runs[i].Start >= runs[i - 1].End, "two jobs of one project overlapped");
        }
    }

    [Fact]
    public async Task Folded_events_reach_the_model_in_the_order_they_arrived()
    {
        await using var backend = await StartAsync(fitDelayMs: 0, debounceMs: 1500);
        string[] actions = [TrainingEvent.AnnotationCreated, TrainingEvent.AnnotationUpdated, TrainingEvent.AnnotationsDeleted, TrainingEvent.StartTraining];
        var ids = new List<string>();
        foreach (var action in actions)
        {
            ids.Add(await TrainingCalls.SendAsync(backend.Client, action, 8));
        }

        Assert.Single(ids.Distinct());
        var job = await TrainingCalls.WaitAsync(backend.Client, ids[0]);
        Assert.Equal(actions, job["result"]!["events"]!.AsArray().Select(e => e!.GetValue<string>()));
        JsonAssert.Equal(JsonNode.Parse("""{"ANNOTATION_CREATED": 1, "ANNOTATION_UPDATED": 1, "ANNOTATIONS_DELETED": 1, "START_TRAINING": 1}"""), job["actions"]);
    }

    [Theory]
    [InlineData(2, true)]
    [InlineData(1, false)]
    public async Task Projects_train_in_parallel_up_to_the_limit(int maxParallel, bool overlap)
    {
        await using var backend = await StartAsync(fitDelayMs: 600, maxParallel: maxParallel);
        var first = await TrainingCalls.SendAsync(backend.Client, TrainingEvent.StartTraining, 21);
        var second = await TrainingCalls.SendAsync(backend.Client, TrainingEvent.StartTraining, 22);
        var a = await TrainingCalls.WaitAsync(backend.Client, first);
        var b = await TrainingCalls.WaitAsync(backend.Client, second);

        var overlapped = TrainingCalls.Time(a, "started_at") < TrainingCalls.Time(b, "finished_at")
            && TrainingCalls.Time(b, "started_at") < TrainingCalls.Time(a, "finished_at");
        Assert.Equal(overlap, overlapped);
    }

    [Fact]
    public async Task Health_reports_running_and_queued_jobs()
    {
        await using var backend = await StartAsync(fitDelayMs: 1500, maxParallel: 1);
        var running = await TrainingCalls.SendAsync(backend.Client, TrainingEvent.StartTraining, 31);
        await TrainingCalls.WaitAsync(backend.Client, running, job => TrainingCalls.State(job) == "running");
        await TrainingCalls.SendAsync(backend.Client, TrainingEvent.StartTraining, 32);

        var health = JsonNode.Parse(await backend.Client.GetStringAsync("/health"))!;
        JsonAssert.Equal(JsonNode.Parse("""{"running": 1, "queued": 1}"""), health["training"]);
    }

    [Fact]
    public async Task A_failing_fit_fails_its_job_and_keeps_the_last_good_version()
    {
        await using var backend = await StartAsync(fitDelayMs: 0, more: new() { ["FIT_FAIL"] = "1" });
        var job = await TrainingCalls.WaitAsync(backend.Client, await TrainingCalls.SendAsync(backend.Client, TrainingEvent.StartTraining, 4));

        Assert.Equal("failed", TrainingCalls.State(job));
        Assert.Equal("InvalidOperationException: the annotations disagree with each other", job["error"]!.GetValue<string>());
        Assert.Equal("0.0.1", job["model_version_after"]?.GetValue<string>() ?? backend.Store.Get("4", StateKeys.ModelVersion));
        Assert.Equal("0.0.1", await backend.SetupAsync(Payloads.SentimentConfig, project: "4.1"));
        Assert.False(Directory.Exists(Path.Combine(backend.ModelDir, "4")) && Directory.EnumerateDirectories(Path.Combine(backend.ModelDir, "4")).Any());
    }

    [Fact]
    public async Task A_job_over_its_time_limit_fails_saying_so()
    {
        await using var backend = await StartAsync(fitDelayMs: 20_000, more: new() { ["TRAINING_JOB_TIMEOUT_SECONDS"] = "1" });
        var job = await TrainingCalls.WaitAsync(backend.Client, await TrainingCalls.SendAsync(backend.Client, TrainingEvent.StartTraining, 6));
        Assert.Equal("failed", TrainingCalls.State(job));
        Assert.Contains("Timed out after 1 s (TRAINING_JOB_TIMEOUT_SECONDS)", job["error"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Queued_and_running_jobs_can_be_cancelled()
    {
        await using var backend = await StartAsync(fitDelayMs: 20_000, debounceMs: 0, maxParallel: 1);
        var running = await TrainingCalls.SendAsync(backend.Client, TrainingEvent.StartTraining, 41);
        await TrainingCalls.WaitAsync(backend.Client, running, job => TrainingCalls.State(job) == "running");
        var queued = await TrainingCalls.SendAsync(backend.Client, TrainingEvent.StartTraining, 42);

        using (var response = await backend.Client.DeleteAsync($"/jobs/{queued}"))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("cancelled", JsonNode.Parse(await response.Content.ReadAsStringAsync())!["state"]!.GetValue<string>());
        }

        using (var response = await backend.Client.DeleteAsync($"/jobs/{running}"))
        {
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        }

        var cancelled = await TrainingCalls.WaitAsync(backend.Client, running);
        Assert.Equal("cancelled", TrainingCalls.State(cancelled));
        Assert.Equal("0.0.1", backend.Store.Get("41", StateKeys.ModelVersion));

        using (var again = await backend.Client.DeleteAsync($"/jobs/{running}"))
        {
            Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        }

        using var unknown = await backend.Client.DeleteAsync("/jobs/no-such-job");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("No training job with id 'no-such-job'", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_jobs_list_filters_by_project_and_checks_its_limit()
    {
        await using var backend = await StartAsync(fitDelayMs: 0);
        var jobId = await TrainingCalls.SendAsync(backend.Client, TrainingEvent.StartTraining, 51);
        await TrainingCalls.WaitAsync(backend.Client, jobId);

        Assert.Equal([jobId], (await TrainingCalls.ListAsync(backend.Client, 51)).Select(job => job["id"]!.GetValue<string>()));
        Assert.Empty(await TrainingCalls.ListAsync(backend.Client, 52));

        using var response = await backend.Client.GetAsync("/jobs?limit=0");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
