using System.Net.Http.Headers;
using System.Text;
using LabelStudio.ML.Testing;
using LabelStudio.ML.Tests.Support;
using Xunit;

namespace LabelStudio.ML.Tests.Hosting;

public sealed class CredentialRedactionTests
{
    [Fact]
    public async Task Debug_logs_show_headers_but_never_credentials()
    {
        const string Password = "Tr0ub4dor&3-secret";
        var settings = new Dictionary<string, string?> { ["BASIC_AUTH_USER"] = "ml_user", ["BASIC_AUTH_PASS"] = Password, ["LOG_LEVEL"] = "DEBUG" };
        await using var backend = await TestBackend.StartAsync<KeywordSentimentModel>(settings);
        var encoded = Convert.ToBase64String(Encoding.UTF8.GetBytes($"ml_user:{Password}"));

        foreach (var credentials in new[] { encoded, Convert.ToBase64String(Encoding.UTF8.GetBytes("ml_user:wrong")) })
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/predict")
            {
                Content = new StringContent(Payloads.Predict(Payloads.SentimentConfig, "1.1", Payloads.Task(1, "good")).ToJsonString(), Encoding.UTF8, "application/json"),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", credentials);
            request.Headers.Add("X-Api-Key", "api-key-value");
            using var response = await backend.Client.SendAsync(request);
        }

        var lines = backend.Logs.Lines;
        Assert.Contains(lines, line => line.Contains("Authorization: ***", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.Contains("Serving", StringComparison.Ordinal) && line.Contains("password ***", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, line => line.Contains(Password, StringComparison.Ordinal));
        Assert.DoesNotContain(lines, line => line.Contains(encoded, StringComparison.Ordinal));
        Assert.DoesNotContain(lines, line => line.Contains("api-key-value", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Info_level_logs_no_headers_at_all()
    {
        await using var backend = await TestBackend.StartAsync<KeywordSentimentModel>(new Dictionary<string, string?> { ["LOG_LEVEL"] = "INFO" });
        await backend.PredictAsync(Payloads.SentimentConfig, [Payloads.Task(1, "good")]);
        Assert.DoesNotContain(backend.Logs.Lines, line => line.Contains("headers:", StringComparison.Ordinal));
        Assert.Contains(backend.Logs.Lines, line => line.Contains("Predicted 1 task(s)", StringComparison.Ordinal));
    }
}
