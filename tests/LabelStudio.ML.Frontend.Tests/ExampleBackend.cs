using System.Net.Http.Json;
using System.Text.Json.Nodes;
using LabelStudio.ML.Testing;
using LlmExamples.Testing;

namespace LabelStudio.ML.Frontend.Tests;

/// <summary>An example's built backend started as its own process, trained and asked as Label Studio does.</summary>
internal sealed class ExampleBackend : IAsyncDisposable
{
    // The project as /predict names it ("id.timestamp") and as webhooks describe it.
    private const long ProjectId = 1;
    private const string Project = "1.1712586036";

    private readonly BackendProcess _process;
    private readonly HttpClient _client;
    private readonly FakeProviders? _providers;

    private ExampleBackend(BackendProcess process, FakeProviders? providers)
    {
        _process = process;
        _providers = providers;
        _client = new HttpClient { BaseAddress = process.Address, Timeout = TimeSpan.FromMinutes(2) };
    }

    public static async Task<ExampleBackend> StartAsync(ExampleManifest example)
    {
        var assembly = BackendProcess.LocateApplication(example.Assembly, $"examples/{example.Name}");
        var providers = example.FakeProviders.Count > 0 ? await StartProvidersAsync(example.FakeProviders) : null;
        var address = providers?.Url.ToString().TrimEnd('/') ?? "";
        var environment = example.Environment.ToDictionary(pair => pair.Key, pair => pair.Value.Replace("{fake}", address, StringComparison.Ordinal));
        var backend = new ExampleBackend(BackendProcess.Start(assembly, environment: environment), providers);
        try
        {
            await backend._process.WaitForHealthAsync(TimeSpan.FromMinutes(1));
            return backend;
        }
        catch
        {
            await backend.DisposeAsync();
            throw;
        }
    }

    /// <summary>Sends each training annotation as an <c>ANNOTATION_CREATED</c> webhook; returns the last answer.</summary>
    public async Task<JsonObject?> TrainAsync(string labelConfig, IReadOnlyList<JsonObject> annotations)
    {
        JsonObject? answer = null;
        for (var i = 0; i < annotations.Count; i++)
        {
            var body = new JsonObject
            {
                ["action"] = "ANNOTATION_CREATED",
                ["task"] = annotations[i]["task"]!.DeepClone(),
                ["annotation"] = new JsonObject
                {
                    ["id"] = 1000 + i,
                    ["result"] = annotations[i]["result"]!.DeepClone(),
                    ["was_cancelled"] = false,
                    ["project"] = ProjectId,
                },
                ["project"] = new JsonObject { ["id"] = ProjectId, ["label_config"] = labelConfig },
            };
            answer = await PostAsync("/webhook", body);
        }

        return answer;
    }

    /// <summary>The <c>/predict</c> answer for <paramref name="tasks"/>: <c>{"results": [prediction per task]}</c>.</summary>
    public Task<JsonObject> PredictAsync(string labelConfig, IEnumerable<JsonObject> tasks, JsonObject? context)
    {
        var body = new JsonObject
        {
            ["tasks"] = new JsonArray([.. tasks.Select(task => task.DeepClone())]),
            ["project"] = Project,
            ["label_config"] = labelConfig,
            ["params"] = new JsonObject { ["context"] = context?.DeepClone() },
        };
        return PostAsync("/predict", body);
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _process.DisposeAsync();
        if (_providers is not null)
        {
            await _providers.DisposeAsync();
        }
    }

    /// <summary>A loopback LLM provider giving each route's fixed answer (an LLM example has no offline model).</summary>
    private static async Task<FakeProviders> StartProvidersAsync(IReadOnlyDictionary<string, string> answers)
    {
        var providers = await FakeProviders.StartAsync();
        foreach (var (route, answer) in answers)
        {
            providers.Always(route, route switch
            {
                FakeProviders.Chat => ChatAnswers.Text(answer),
                FakeProviders.Generation => WatsonxAnswers.Generated(answer),
                _ => throw new InvalidOperationException($"frontend-check.json: no fixed answer for the fake route '{route}'"),
            });
        }

        return providers;
    }

    private async Task<JsonObject> PostAsync(string path, JsonObject body)
    {
        using var response = await _client.PostAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        return response.IsSuccessStatusCode
            ? JsonNode.Parse(text)!.AsObject()
            : throw new HttpRequestException($"{path} answered {(int)response.StatusCode}: {text}\n{_process.Output}");
    }
}
