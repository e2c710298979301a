using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Xunit;

namespace LabelStudio.ML.Tests.Support;

/// <summary>Webhook and jobs API calls for training tests.</summary>
internal static class TrainingCalls
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    /// <summary>Posts a training webhook and returns the job id of its 201 answer.</summary>
    public static async Task<string> SendAsync(HttpClient client, string action, long projectId, string labelConfig = Payloads.SentimentConfig)
    {
        using var content = new StringContent(Payloads.Webhook(action, projectId, labelConfig).ToJsonString(), Encoding.UTF8, "application/json");
        using var response = await client.PostAsync("/webhook", content);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.True(response.StatusCode == HttpStatusCode.Created, body.ToJsonString());
        Assert.Equal("ok", body["status"]!.GetValue<string>());
        Assert.Equal(body["job"]!.GetValue<string>(), body["job_id"]!.GetValue<string>());
        return body["job_id"]!.GetValue<string>();
    }

    public static async Task<JsonObject> GetAsync(HttpClient client, string jobId)
    {
        using var response = await client.GetAsync($"/jobs/{jobId}");
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        return JsonNode.Parse(text)!.AsObject();
    }

    public static async Task<IReadOnlyList<JsonObject>> ListAsync(HttpClient client, long projectId)
    {
        var body = JsonNode.Parse(await client.GetStringAsync($"/jobs?project={projectId}&limit=500"))!;
        return [.. body["jobs"]!.AsArray().Select(job => job!.AsObject())];
    }

    public static string State(JsonObject job) => job["state"]!.GetValue<string>();

    public static bool HasEnded(JsonObject job) => State(job) is "succeeded" or "failed" or "cancelled";

    /// <summary>Polls the job until <paramref name="until"/> holds (by default: it ended).</summary>
    public static async Task<JsonObject> WaitAsync(HttpClient client, string jobId, Func<JsonObject, bool>? until = null)
    {
        until ??= HasEnded;
        var deadline = DateTime.UtcNow + Patience;
        JsonObject job;
        do
        {
            job = await GetAsync(client, jobId);
            if (until(job))
            {
                return job;
            }

            await Task.Delay(50);
        }
        while (DateTime.UtcNow < deadline);

        throw new TimeoutException($"Job {jobId} did not reach the expected state: {job.ToJsonString()}");
    }

    /// <summary>Polls until every job of the project ended and none is queued or running.</summary>
    public static async Task<IReadOnlyList<JsonObject>> WaitForProjectAsync(HttpClient client, long projectId)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (DateTime.UtcNow < deadline)
        {
            var jobs = await ListAsync(client, projectId);
            if (jobs.Count > 0 && jobs.All(HasEnded))
            {
                return jobs;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"Jobs of project {projectId} did not end.");
    }

    public static DateTimeOffset Time(JsonObject job, string name) =>
        DateTimeOffset.Parse(job[name]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
}
