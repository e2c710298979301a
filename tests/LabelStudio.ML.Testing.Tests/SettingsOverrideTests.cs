using System.Net;
using System.Net.Http.Headers;
using System.Text;
using LabelStudio.ML.Testing.Tests.Support;
using Xunit;

namespace LabelStudio.ML.Testing.Tests;

/// <summary>Settings given to <see cref="TestBackend.StartAsync"/> configure the backend as the same environment variables would.</summary>
public sealed class SettingsOverrideTests
{
    private static readonly Dictionary<string, string?> BasicAuth = new() { ["BASIC_AUTH_USER"] = "ls", ["BASIC_AUTH_PASS"] = "secret" };

    [Fact]
    public async Task Basic_auth_settings_make_health_answer_401_without_credentials()
    {
        await using var backend = await TestBackend.StartAsync<KeywordSentimentModel>(BasicAuth);

        using var response = await backend.Client.GetAsync(new Uri("/health", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Basic_auth_settings_let_the_right_credentials_through()
    {
        await using var backend = await TestBackend.StartAsync<KeywordSentimentModel>(BasicAuth);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/health");
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("ls:secret")));

        using var response = await backend.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Without_settings_health_needs_no_credentials()
    {
        await using var backend = await TestBackend.StartAsync<KeywordSentimentModel>();

        using var response = await backend.Client.GetAsync(new Uri("/health", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task The_log_captures_what_the_backend_logged()
    {
        await using var backend = await TestBackend.StartAsync<KeywordSentimentModel>(new Dictionary<string, string?> { ["LOG_LEVEL"] = "DEBUG" });

        await backend.SetupAsync(KeywordSentimentModel.LabelConfig, project: "12.1712586036");

        Assert.Contains(backend.Logs.Lines, line => line.Contains("12", StringComparison.Ordinal) && line.Contains("0.0.1", StringComparison.Ordinal));
    }
}
