using System.Net;
using System.Net.Http.Headers;
using System.Text;
using LabelStudio.ML.Testing;
using LabelStudio.ML.Tests.Support;
using Xunit;

namespace LabelStudio.ML.Tests.Hosting;

public sealed class BasicAuthTests
{
    private static readonly Dictionary<string, string?> Credentials = new() { ["BASIC_AUTH_USER"] = "ml_user", ["BASIC_AUTH_PASS"] = "s3:cret" };

    private static AuthenticationHeaderValue Basic(string user, string password) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));

    private static async Task<HttpStatusCode> StatusAsync(TestBackend backend, string path, AuthenticationHeaderValue? authorization)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = authorization;
        using var response = await backend.Client.SendAsync(request);
        if (response.StatusCode == HttpStatusCode.Unauthorized)
        {
            Assert.Equal("Basic realm=\"Login required\"", response.Headers.WwwAuthenticate.ToString());
            Assert.Equal("Unauthorized", await response.Content.ReadAsStringAsync());
        }

        return response.StatusCode;
    }

    [Fact]
    public async Task Correct_credentials_pass_even_with_a_colon_in_the_password()
    {
        await using var backend = await TestBackend.StartAsync<KeywordSentimentModel>(Credentials);
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(backend, "/health", Basic("ml_user", "s3:cret")));
    }

    [Theory]
    [InlineData("ml_user", "wrong")]
    [InlineData("other", "s3:cret")]
    [InlineData("ml_user", "s3:cret2")]
    [InlineData("", "")]
    [InlineData("ml_üser", "s3:cret")]
    public async Task Wrong_credentials_are_401(string user, string password)
    {
        await using var backend = await TestBackend.StartAsync<KeywordSentimentModel>(Credentials);
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(backend, "/health", Basic(user, password)));
    }

    [Theory]
    [InlineData("Bearer", "abc.def.ghi")]
    [InlineData("Basic", "%%%not-base64%%%")]
    [InlineData("Basic", "bm9jb2xvbg==")]
    public async Task Other_schemes_and_undecodable_credentials_are_401(string scheme, string parameter)
    {
        await using var backend = await TestBackend.StartAsync<KeywordSentimentModel>(Credentials);
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(backend, "/health", new AuthenticationHeaderValue(scheme, parameter)));
    }

    [Fact]
    public async Task Auth_runs_before_routing_so_unknown_paths_are_401_too()
    {
        await using var backend = await TestBackend.StartAsync<KeywordSentimentModel>(Credentials);
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(backend, "/no-such-path", null));
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(backend, "/no-such-path", Basic("ml_user", "s3:cret")));
    }

    [Fact]
    public async Task A_refused_webhook_logs_how_to_add_credentials_in_Label_Studio()
    {
        await using var backend = await TestBackend.StartAsync<KeywordSentimentModel>(Credentials);
        using var response = await backend.PostJsonAsync("/webhook", Payloads.Webhook("ANNOTATION_CREATED", 1, Payloads.SentimentConfig));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains(backend.Logs.Lines, line => line.Contains("Authorization: Basic", StringComparison.Ordinal) && line.Contains("Webhooks", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Without_credentials_configured_no_auth_is_asked()
    {
        await using var backend = await TestBackend.StartAsync<KeywordSentimentModel>();
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(backend, "/health", null));
    }

    [Fact]
    public async Task Launcher_switches_win_over_the_environment()
    {
        var settings = new Dictionary<string, string?>(Credentials) { ["basic-auth-user"] = "cli_user", ["basic-auth-pass"] = "cli_pass" };
        await using var backend = await TestBackend.StartAsync<KeywordSentimentModel>(settings);
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(backend, "/health", Basic("ml_user", "s3:cret")));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(backend, "/health", Basic("cli_user", "cli_pass")));
    }
}
