using System.Text.Json.Nodes;
using System.Web;
using LabelStudio.ML.Examples.Llm;
using LabelStudio.ML.Testing;
using LlmExamples.Testing;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace WatsonX.Tests;

/// <summary>watsonx.ai over real HTTP: the IAM exchange, its cache and refresh, the generation request, and failures.</summary>
public sealed class GenerationTests : ProviderBackedTests, IAsyncLifetime
{
    private const string ApiKey = "ibm-cloud-api-key-test-7f3a";
    private const string ProjectId = "0b3c8e2a-1111-4a4a-9c9c-123456789abc";

    private const string Config = """
        <View>
          <Text name="text" value="$text"/>
          <TextArea name="prompt" toName="text" editable="true"/>
          <Choices name="category" toName="text" choice="single">
            <Choice value="Billing"/>
            <Choice value="Technical"/>
            <Choice value="Other"/>
          </Choices>
          <TextArea name="response" toName="text"/>
        </View>
        """;

    private readonly ManualClock _clock = new();
    [Fact]
    public async Task The_key_is_exchanged_for_a_token_and_the_generation_request_is_the_documented_one()
    {
        await using var backend = await StartAsync();
        Fake.Script(FakeProviders.Generation, WatsonxAnswers.Generated(" Billing"));

        var results = await backend.PredictAsync(Config, [Task(21, "I was charged twice this month.")], Context("Which team handles this?"));

        var iam = Assert.Single(Fake.RequestsOf(FakeProviders.Iam));
        Assert.Equal("/identity/token", iam.Path);
        Assert.StartsWith("application/x-www-form-urlencoded", iam.Header("Content-Type"), StringComparison.Ordinal);
        var form = HttpUtility.ParseQueryString(iam.Body);
        Assert.Equal("urn:ibm:params:oauth:grant-type:apikey", form["grant_type"]);
        Assert.Equal(ApiKey, form["apikey"]);

        var generation = Assert.Single(Fake.RequestsOf(FakeProviders.Generation));
        Assert.Equal("/ml/v1/text/generation", generation.Path);
        Assert.Equal("2023-05-29", generation.QueryValue("version"));
        Assert.Equal("Bearer iam-token-1", generation.Header("Authorization"));
        var expected = new JsonObject
        {
            ["input"] = "Text:\n\"I was charged twice this month.\"\n\nInstruction:\n\"Which team handles this?\"",
            ["model_id"] = "ibm/granite-3-8b-instruct",
            ["project_id"] = ProjectId,
            ["parameters"] = new JsonObject { ["decoding_method"] = "greedy", ["max_new_tokens"] = 50 },
        };
        Assert.True(JsonNode.DeepEquals(expected, generation.Json), generation.Body);

        var regions = results.Single()!["result"]!.AsArray();
        Assert.Equal("[\"Billing\"]", regions[0]!["value"]!["choices"]!.ToJsonString());
        Assert.Equal("[\"Billing\"]", regions[1]!["value"]!["text"]!.ToJsonString());
        Assert.Equal("[\"Which team handles this?\"]", regions[2]!["value"]!["text"]!.ToJsonString());
        Assert.Equal(0.1, results.Single()!["score"]!.GetValue<double>());
    }

    [Fact]
    public async Task The_token_is_reused_until_shortly_before_it_expires_then_exchanged_again()
    {
        await using var backend = await StartAsync();
        Fake.Always(FakeProviders.Generation, WatsonxAnswers.Generated("Technical"));

        await backend.PredictAsync(Config, [Task(1, "The app crashes."), Task(2, "Login fails.")], Context("Team?"));
        _clock.Advance(TimeSpan.FromSeconds(3600 - 61));
        await backend.PredictAsync(Config, [Task(3, "Screen is blank.")], Context("Team?"));
        _clock.Advance(TimeSpan.FromSeconds(2));
        await backend.PredictAsync(Config, [Task(4, "Wi-Fi drops.")], Context("Team?"));

        Assert.Equal(2, Fake.RequestsOf(FakeProviders.Iam).Count);
        Assert.Equal(
            ["Bearer iam-token-1", "Bearer iam-token-1", "Bearer iam-token-1", "Bearer iam-token-2"],
            Fake.RequestsOf(FakeProviders.Generation).Select(request => request.Header("Authorization")));
    }

    [Fact]
    public async Task A_rejected_token_is_exchanged_once_more()
    {
        await using var backend = await StartAsync();
        Fake.Script(FakeProviders.Generation, WatsonxAnswers.Error(401, "authentication_token_expired", "Failed to authenticate the request due to an expired token"), WatsonxAnswers.Generated("Other"));

        var results = await backend.PredictAsync(Config, [Task(5, "Hello.")], Context("Team?"));

        Assert.Equal(2, Fake.RequestsOf(FakeProviders.Iam).Count);
        Assert.Equal("Bearer iam-token-2", Fake.RequestsOf(FakeProviders.Generation)[1].Header("Authorization"));
        Assert.Equal("Other", results.Single()!["result"]![0]!["value"]!["choices"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task Missing_credentials_are_a_500_naming_both_variables()
    {
        await using var backend = await StartAsync(new() { ["WATSONX_API_KEY"] = null, ["WATSONX_PROJECT_ID"] = null });

        var failure = await Assert.ThrowsAsync<HttpRequestException>(() => backend.PredictAsync(Config, [Task(6, "x")], Context("Team?")));

        Assert.Equal(500, (int?)failure.StatusCode);
        Assert.Contains("task 6: the backend is not configured: WATSONX_API_KEY and WATSONX_PROJECT_ID are not set", failure.Message, StringComparison.Ordinal);
        Assert.Empty(Fake.Requests);
    }

    [Fact]
    public async Task A_key_IAM_refuses_and_a_rate_limit_are_answered_naming_the_cause_and_the_key_is_never_logged()
    {
        await using var backend = await StartAsync();
        Fake.Script(FakeProviders.Iam, ScriptedAnswer.Json(new JsonObject { ["errorCode"] = "BXNIM0415E", ["errorMessage"] = "Provided API key could not be found." }, 400));
        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => backend.PredictAsync(Config, [Task(7, "x")], Context("Team?")));
        Fake.Always(FakeProviders.Generation, WatsonxAnswers.Error(429, "token_quota_reached", "Token quota reached"));
        var limited = await Assert.ThrowsAsync<HttpRequestException>(() => backend.PredictAsync(Config, [Task(8, "x")], Context("Team?")));

        Assert.Equal(502, (int?)refused.StatusCode);
        Assert.Contains("task 7: watsonx.ai model 'ibm/granite-3-8b-instruct' at http://127.0.0.1:", refused.Message, StringComparison.Ordinal);
        Assert.Contains("refused the request (HTTP 400): IBM Cloud IAM did not exchange the API key: Provided API key could not be found.", refused.Message, StringComparison.Ordinal);
        Assert.Equal(503, (int?)limited.StatusCode);
        Assert.Contains("is rate-limiting this backend (HTTP 429, still after the retries): Token quota reached", limited.Message, StringComparison.Ordinal);
        Assert.Equal(3, Fake.RequestsOf(FakeProviders.Generation).Count);
        Assert.DoesNotContain(backend.Logs.Lines, line => line.Contains(ApiKey, StringComparison.Ordinal) || line.Contains("iam-token-", StringComparison.Ordinal));
    }

    private Task<TestBackend> StartAsync(Dictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["WATSONX_URL"] = Fake.Url.ToString(),
            ["WATSONX_IAM_URL"] = new Uri(Fake.Url, "identity/token").ToString(),
            ["WATSONX_API_KEY"] = ApiKey,
            ["WATSONX_PROJECT_ID"] = ProjectId,
            ["LLM_MAX_RETRIES"] = "2",
            ["LLM_RETRY_DELAY_MS"] = "1",
            ["LOG_LEVEL"] = "DEBUG",
        };
        settings = settings.With(extra);

        return TestBackend.StartAsync<WatsonxModel>(settings, services =>
        {
            services.AddLlmProviders();
            services.AddWatsonx();
            services.AddSingleton<TimeProvider>(_clock);
        });
    }

    private static JsonObject Task(long id, string text) => new() { ["id"] = id, ["data"] = new JsonObject { ["text"] = text } };

    private static JsonObject Context(string prompt) => new()
    {
        ["result"] = new JsonArray(new JsonObject { ["from_name"] = "prompt", ["to_name"] = "text", ["type"] = "textarea", ["value"] = new JsonObject { ["text"] = new JsonArray(prompt) } }),
    };
}
