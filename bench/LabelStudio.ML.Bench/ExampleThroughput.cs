using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using LabelStudio.ML.Testing;

namespace LabelStudio.ML.Bench;

/// <summary>
/// Tasks per second of every example backend for a 100-task <c>/predict</c> (Label Studio's "Retrieve predictions"
/// sends tasks in one request). Each example is started as its own process, trained first where its
/// <c>examples/&lt;name&gt;/frontend-check.json</c> lists training annotations, and asked with that file's tasks
/// repeated to 100.
/// </summary>
internal static class ExampleThroughput
{
    private const string Project = "1.1712586036";

    public static async Task<IReadOnlyList<BenchRow>> RunAsync(BenchOptions options)
    {
        var rows = new List<BenchRow>();
        var examples = Path.Combine(RepositoryRoot(), "examples");
        foreach (var folder in Directory.EnumerateDirectories(examples).Order(StringComparer.Ordinal))
        {
            var manifestPath = Path.Combine(folder, "frontend-check.json");
            if (!File.Exists(manifestPath))
            {
                continue;
            }

            var name = Path.GetFileName(folder);
            var manifest = JsonNode.Parse(await File.ReadAllTextAsync(manifestPath).ConfigureAwait(false))!.AsObject();
            var environment = manifest["environment"]?.AsObject().ToDictionary(p => p.Key, p => p.Value!.GetValue<string>()) ?? [];
            environment["LOG_LEVEL"] = "WARNING";
            var assembly = BackendProcess.LocateApplication(manifest["assembly"]!.GetValue<string>(), $"examples/{name}");
            await using var process = BackendProcess.Start(assembly, environment: environment);
            await process.WaitForHealthAsync(TimeSpan.FromMinutes(1)).ConfigureAwait(false);

            var labelConfig = manifest["labelConfig"]!.GetValue<string>();
            await TrainAsync(process.Address, labelConfig, manifest["training"]?.AsArray()).ConfigureAwait(false);
            var body = PredictBody(labelConfig, manifest["tasks"]!.AsArray(), manifest["context"]?.AsObject(), 100);
            var measured = await LoadGenerator.RunAsync(new Uri(process.Address, "/predict"), body, 1, options.Duration, options.MaxRequests).ConfigureAwait(false);
            var tasksPerSecond = measured.RequestsPerSecond * 100;
            rows.Add(new BenchRow($"example-{name}-100", 1, measured, null, ProcessMemory.ReadMb(process.ProcessId, "VmHWM"),
                string.Create(CultureInfo.InvariantCulture, $"{tasksPerSecond:0} tasks/s (100 tasks per request)")));
            Console.WriteLine($"{rows[^1].SummaryLine()} tasks_per_s={tasksPerSecond.ToString("0", CultureInfo.InvariantCulture)}");
        }

        return rows;
    }

    private static async Task TrainAsync(Uri backend, string labelConfig, JsonArray? annotations)
    {
        if (annotations is null || annotations.Count == 0)
        {
            return;
        }

        using var client = new HttpClient { BaseAddress = backend, Timeout = TimeSpan.FromMinutes(2) };
        for (var i = 0; i < annotations.Count; i++)
        {
            var body = new JsonObject
            {
                ["action"] = "ANNOTATION_CREATED",
                ["task"] = annotations[i]!["task"]!.DeepClone(),
                ["annotation"] = new JsonObject
                {
                    ["id"] = 1000 + i,
                    ["result"] = annotations[i]!["result"]!.DeepClone(),
                    ["was_cancelled"] = false,
                    ["project"] = 1,
                },
                ["project"] = new JsonObject { ["id"] = 1, ["label_config"] = labelConfig },
            };
            using var response = await client.PostAsync("/webhook", new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json")).ConfigureAwait(false);
            response.EnsureSuccessStatusCode();
        }
    }

    private static byte[] PredictBody(string labelConfig, JsonArray tasks, JsonObject? context, int count)
    {
        var many = new JsonArray();
        for (var i = 0; i < count; i++)
        {
            var task = tasks[i % tasks.Count]!.DeepClone().AsObject();
            task["id"] = 10_000 + i;
            many.Add(task);
        }

        var body = new JsonObject
        {
            ["tasks"] = many,
            ["project"] = Project,
            ["label_config"] = labelConfig,
            ["params"] = new JsonObject { ["login"] = null, ["password"] = null, ["context"] = context?.DeepClone() },
        };
        return Encoding.UTF8.GetBytes(body.ToJsonString());
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "LabelStudio.ML.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException("The benchmark runs from the repository (LabelStudio.ML.slnx not found above it).");
    }
}
