using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using LabelStudio.ML.Testing;
using LabelStudio.ML.Tests.Support;
using LabelStudio.ML.Tests.TaskData;
using Xunit;

namespace LabelStudio.ML.Tests.Observability;

/// <summary>
/// At every level, Trace included: credentials and request bodies never reach the logs; what is logged about a model
/// call carries the project, the task ids and the model version as a scope.
/// </summary>
public sealed class LogSafetyTests
{
    private const string Password = "pw-7f3a9c-never-logged";
    private const string BodyText = "body-text-4b1e-never-logged";
    private const string SetupToken = "setup-token-91d2-never-logged";

    [Fact]
    public async Task No_credential_or_body_text_is_logged_even_at_trace_level()
    {
        await using var fake = await FakeLabelStudio.StartAsync();
        fake.Files["/storage-data/uploaded/?filepath=upload/1/a.txt"] = FakeFile.Text(BodyText + " good");
        await using var backend = await TestBackend.StartAsync<ObservedModel>(new Dictionary<string, string?>
        {
            ["LOG_LEVEL"] = "TRACE",
            ["BASIC_AUTH_USER"] = "ml",
            ["BASIC_AUTH_PASS"] = Password,
            ["LABEL_STUDIO_URL"] = fake.Url.ToString(),
            ["LABEL_STUDIO_API_KEY"] = FakeLabelStudio.LegacyToken,
            ["TRAINING_DEBOUNCE_MS"] = "0",
        });
        var credentials = Convert.ToBase64String(Encoding.UTF8.GetBytes("ml:" + Password));
        backend.Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", credentials);

        // Inline text, a downloaded file, a token in a URL's query, a failing task, a malformed body, set-up and training.
        await backend.PredictAsync(ObservedModel.LabelConfig, [Payloads.Task(1, BodyText), Payloads.Task(2, "/data/upload/1/a.txt")]);
        using (await backend.PostJsonAsync("/predict", Payloads.Predict(ObservedModel.LabelConfig, "1.1", Payloads.Task(3, $"/data/upload/1/missing.txt?token={Password}"))))
        {
        }

        using (await backend.Client.PostAsync("/predict", new StringContent($"{{\"tasks\": [\"{BodyText}", Encoding.UTF8, "application/json")))
        {
        }

        using (await backend.PostJsonAsync("/setup", new JsonObject { ["project"] = "1.1", ["schema"] = ObservedModel.LabelConfig, ["access_token"] = SetupToken }))
        {
        }

        var job = await backend.WebhookAsync("ANNOTATION_CREATED", ObservedModel.LabelConfig, Payloads.Task(4, BodyText));
        await MetricsWorkloadTests.WaitUntilAsync(
            () => Task.FromResult(backend.Logs.Lines.Any(line => line.Contains($"Training job {job["job"]!.GetValue<string>()}", StringComparison.Ordinal) && line.Contains("succeeded", StringComparison.Ordinal))),
            "the training job");
        var lines = backend.Logs.Lines;
        Assert.Contains(lines, line => line.StartsWith("Trace ", StringComparison.Ordinal) || line.StartsWith("Debug ", StringComparison.Ordinal));
        foreach (var secret in new[] { Password, credentials, FakeLabelStudio.LegacyToken, BodyText, SetupToken })
        {
            Assert.DoesNotContain(lines, line => line.Contains(secret, StringComparison.Ordinal));
        }

        // The model call's lines carry the scope, with ids only.
        Assert.Contains(lines, line => line.Contains("answered 2 task(s)", StringComparison.Ordinal) && line.EndsWith(" project 1, model version 0.0.1, tasks 1,2", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.Contains("Effective settings (secrets masked)", StringComparison.Ordinal)
            && line.Contains("BASIC_AUTH_PASS=***", StringComparison.Ordinal)
            && line.Contains("LABEL_STUDIO_API_KEY=***", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Lines_logged_inside_a_model_call_carry_project_tasks_and_version()
    {
        await using var backend = await TestBackend.StartAsync<LoggingModel>(new Dictionary<string, string?> { ["LOG_LEVEL"] = "DEBUG" });
        await backend.PredictAsync(Payloads.SentimentConfig, [Payloads.Task(7, "a"), Payloads.Task(8, "b")], project: "3.1700000000");
        Assert.Contains(backend.Logs.Lines, line =>
            line.Contains("model says hello", StringComparison.Ordinal) && line.EndsWith(" project 3, model version 0.0.1, tasks 7,8", StringComparison.Ordinal));
    }

    [Fact]
    public async Task LOG_FORMAT_json_writes_one_JSON_object_a_line_with_the_scopes()
    {
        var host = BackendProcess.LocateApplication("LabelStudio.ML.TrainingHost.dll", "tests/LabelStudio.ML.TrainingHost");
        await using var process = BackendProcess.Start(host, environment: new Dictionary<string, string> { ["LOG_FORMAT"] = "json", ["LOG_LEVEL"] = "DEBUG" });
        await process.WaitForHealthAsync(TimeSpan.FromSeconds(60));
        using var client = new HttpClient { BaseAddress = process.Address };
        using (var response = await client.PostAsync("/predict", new StringContent(
            Payloads.Predict(Payloads.SentimentConfig, "5.1700000000", Payloads.Task(11, "x")).ToJsonString(), Encoding.UTF8, "application/json")))
        {
            response.EnsureSuccessStatusCode();
        }

        await MetricsWorkloadTests.WaitUntilAsync(() => Task.FromResult(process.Output.Contains("Predicted 1 task(s)", StringComparison.Ordinal)), "the prediction's log line");
        await process.StopAsync(TimeSpan.FromSeconds(30));
        var objects = process.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(line => line.StartsWith('{'))
            .Select(line => JsonDocument.Parse(line).RootElement)
            .ToList();
        Assert.Contains(objects, entry => entry.GetProperty("Message").GetString()!.StartsWith("Effective settings", StringComparison.Ordinal));
        var scoped = Assert.Single(objects, entry => entry.GetProperty("Message").GetString()!.Contains("answered 1 task(s)", StringComparison.Ordinal));
        var scope = Assert.Single(scoped.GetProperty("Scopes").EnumerateArray(), item => item.ValueKind == JsonValueKind.Object && item.TryGetProperty("ProjectId", out _));
        Assert.Equal("11", scope.GetProperty("TaskIds").GetString());
        Assert.Equal("5", scope.GetProperty("ProjectId").GetString());
        Assert.Equal("0.0.1", scope.GetProperty("ModelVersion").GetString());
    }
}

/// <summary>Logs one line from inside its prediction, through the logger the SDK gives models.</summary>
internal sealed class LoggingModel : LabelStudioModel
{
    public override Task<ModelResponse?> PredictAsync(PredictRequest request, CancellationToken cancellationToken)
    {
        Microsoft.Extensions.Logging.LoggerExtensions.LogInformation(Logger, "model says hello");
        return Task.FromResult<ModelResponse?>(new ModelResponse(request.Tasks.Select(_ => new Prediction([]))));
    }
}
