using LabelStudio.ML.Testing;
using LlmExamples.Testing;
using Xunit;
using static LlmInteractive.Tests.InteractiveBackend;

namespace LlmInteractive.Tests;

/// <summary>Provider failures answer with the task and the cause, retry what passes, never log the key, and the server keeps serving.</summary>
public sealed class FailureTests : ProviderBackedTests, IAsyncLifetime
{
    protected override async Task<TestBackend?> StartBackendAsync(FakeProviders fake) => await StartAsync(fake);

    [Fact]
    public async Task Rate_limits_and_server_errors_are_retried_until_an_answer_comes()
    {
        Fake.Script(FakeProviders.Chat, ScriptedAnswer.Error(429, "Rate limit reached", retryAfter: "0"), ScriptedAnswer.Error(503, "overloaded"), ChatAnswers.Text("Positive"));

        var results = await Backend.PredictAsync(Config, [Task(1, "Nice.")], Context("Sentiment?"));

        Assert.Equal(3, Fake.RequestsOf(FakeProviders.Chat).Count);
        Assert.Equal("Positive", results.Single()!["result"]![0]!["value"]!["choices"]![0]!.GetValue<string>());
        Assert.Contains(Backend.Logs.Lines, line => line.Contains("failed (HTTP 429); retry 1 of 2 in 0 ms", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(401, "Incorrect API key provided", 502, "task 4: the LLM provider (OpenAI model 'gpt-4o-mini' at http://127.0.0.1:", "rejected the API key (HTTP 401): Incorrect API key provided", 1)]
    [InlineData(429, "You exceeded your current quota", 503, "task 4: the LLM provider", "is rate-limiting this backend (HTTP 429, still after the retries): You exceeded your current quota", 3)]
    [InlineData(500, "The server had an error", 502, "task 4: the LLM provider", "failed (HTTP 500, still after the retries): The server had an error", 3)]
    [InlineData(404, "The model 'gpt-4o-mini' does not exist", 502, "task 4: the LLM provider", "refused the request (HTTP 404): The model 'gpt-4o-mini' does not exist", 1)]
    public async Task A_provider_error_is_answered_naming_the_task_and_the_cause(int status, string said, int answered, string start, string cause, int attempts)
    {
        Fake.Always(FakeProviders.Chat, ScriptedAnswer.Error(status, said));

        var failure = await Assert.ThrowsAsync<HttpRequestException>(() => Backend.PredictAsync(Config, [Task(4, "Text.")], Context("Sentiment?")));

        Assert.Equal(answered, (int?)failure.StatusCode);
        Assert.Contains(start, failure.Message, StringComparison.Ordinal);
        Assert.Contains(cause, failure.Message, StringComparison.Ordinal);
        Assert.Equal(attempts, Fake.RequestsOf(FakeProviders.Chat).Count);
        await KeepsServingAsync();
    }

    [Fact]
    public async Task A_provider_that_does_not_answer_in_time_is_a_504()
    {
        Fake.Always(FakeProviders.Chat, ChatAnswers.Text("late").After(TimeSpan.FromSeconds(5)));

        var failure = await Assert.ThrowsAsync<HttpRequestException>(() => Backend.PredictAsync(Config, [Task(8, "Text.")], Context("Sentiment?")));

        Assert.Equal(504, (int?)failure.StatusCode);
        Assert.Contains("task 8: the LLM provider", failure.Message, StringComparison.Ordinal);
        Assert.Contains("gave no answer within 0.5 s (3 attempts)", failure.Message, StringComparison.Ordinal);
        await KeepsServingAsync();
    }

    [Fact]
    public async Task No_api_key_for_OpenAI_is_a_500_naming_the_variable()
    {
        await using var backend = await StartAsync(Fake, new() { ["OPENAI_BASE_URL"] = null, ["OPENAI_API_KEY"] = null });

        var failure = await Assert.ThrowsAsync<HttpRequestException>(() => backend.PredictAsync(Config, [Task(1, "Text.")], Context("Sentiment?")));

        Assert.Equal(500, (int?)failure.StatusCode);
        Assert.Contains("the backend is not configured: OPENAI_API_KEY is not set", failure.Message, StringComparison.Ordinal);
        Assert.Empty(Fake.Requests);
    }

    [Fact]
    public async Task A_structured_reply_that_is_not_json_is_a_502_quoting_it()
    {
        await using var backend = await StartAsync(Fake, new() { ["STRUCTURED_OUTPUT"] = "1" });
        Fake.Script(FakeProviders.Chat, ChatAnswers.Text("Sure! The answer is Positive."));

        var failure = await Assert.ThrowsAsync<HttpRequestException>(() => backend.PredictAsync(Config, [Task(9, "Nice.")], Context("Sentiment?")));

        Assert.Equal(502, (int?)failure.StatusCode);
        Assert.Contains("task 9: the LLM provider", failure.Message, StringComparison.Ordinal);
        Assert.Contains("gave an answer this backend cannot use: the model's answer is not the JSON object the schema asks for", failure.Message, StringComparison.Ordinal);
        Assert.Contains("Sure! The answer is Positive.", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_api_key_is_never_logged_even_at_debug_level()
    {
        Fake.Script(FakeProviders.Chat, ScriptedAnswer.Error(500, "boom"), ChatAnswers.Text("Positive"));
        await Backend.PredictAsync(Config, [Task(1, "Nice.")], Context("Sentiment?"));
        Fake.Always(FakeProviders.Chat, ScriptedAnswer.Error(401, $"Incorrect API key provided: {Key}"));
        var failure = await Assert.ThrowsAsync<HttpRequestException>(() => Backend.PredictAsync(Config, [Task(2, "Nice.")], Context("Sentiment?")));

        Assert.NotEmpty(Backend.Logs.Lines);
        var leaks = string.Join("\n", Backend.Logs.Lines.Where(line => line.Contains(Key, StringComparison.Ordinal)));
        Assert.True(leaks.Length == 0, leaks);
        Assert.DoesNotContain(Key, failure.Message, StringComparison.Ordinal);
        Assert.Contains("Incorrect API key provided: ***", failure.Message, StringComparison.Ordinal);
    }

    private async Task KeepsServingAsync()
    {
        Fake.Always(FakeProviders.Chat, ChatAnswers.Text("Neutral"));
        var results = await Backend.PredictAsync(Config, [Task(1, "A phone.")], Context("Sentiment?"));
        Assert.Equal("Neutral", results.Single()!["result"]![0]!["value"]!["choices"]![0]!.GetValue<string>());
    }
}
