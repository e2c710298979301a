using LabelStudio.ML.Testing;
using LabelStudio.ML.Tests.Support;
using Xunit;

namespace LabelStudio.ML.Tests.TaskData;

/// <summary>The start-up check logs one line: Label Studio answered and accepted the token, or what is wrong and the fix.</summary>
public sealed class StartupCheckTests
{
    [Fact]
    public async Task A_working_legacy_token_is_reported()
    {
        await using var fake = await FakeLabelStudio.StartAsync();
        await using var backend = await StartAsync(fake, FakeLabelStudio.LegacyToken);

        var line = await WaitForLineAsync(backend, "Label Studio at");

        Assert.Contains($"Label Studio at {fake.Url} answered and accepted the legacy token", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_working_personal_access_token_is_reported()
    {
        await using var fake = await FakeLabelStudio.StartAsync();
        await using var backend = await StartAsync(fake, fake.IssuePersonalAccessToken());

        var line = await WaitForLineAsync(backend, "Label Studio at");

        Assert.Contains("answered and accepted the personal access token", line, StringComparison.Ordinal);
        Assert.Equal(1, fake.Refreshes);
    }

    [Fact]
    public async Task A_refused_token_is_reported_with_the_fix()
    {
        await using var fake = await FakeLabelStudio.StartAsync();
        await using var backend = await StartAsync(fake, "not-the-token");

        var line = await WaitForLineAsync(backend, "Label Studio at");

        Assert.StartsWith("Warning", line, StringComparison.Ordinal);
        Assert.Contains("cannot serve task data: 401 Client Error: Label Studio refused the legacy token in LABEL_STUDIO_API_KEY", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_token_is_reported()
    {
        await using var fake = await FakeLabelStudio.StartAsync();
        await using var backend = await StartAsync(fake, null);

        var line = await WaitForLineAsync(backend, "Label Studio at");

        Assert.Contains("LABEL_STUDIO_API_KEY is not set", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_LABEL_STUDIO_URL_nothing_is_checked()
    {
        await using var backend = await TestBackend.StartAsync<KeywordSentimentModel>();
        await Task.Delay(200);

        Assert.DoesNotContain(backend.Logs.Lines, line => line.Contains("Label Studio at", StringComparison.Ordinal));
    }

    private static Task<TestBackend> StartAsync(FakeLabelStudio fake, string? token) =>
        TestBackend.StartAsync<KeywordSentimentModel>(new Dictionary<string, string?>
        {
            ["LABEL_STUDIO_URL"] = fake.Url.ToString(),
            ["LABEL_STUDIO_API_KEY"] = token,
        });

    private static async Task<string> WaitForLineAsync(TestBackend backend, string text)
    {
        for (var i = 0; i < 100; i++)
        {
            if (backend.Logs.Lines.FirstOrDefault(line => line.Contains(text, StringComparison.Ordinal) && !line.Contains("names this machine", StringComparison.Ordinal)) is { } line)
            {
                return line;
            }

            await Task.Delay(50);
        }

        throw new Xunit.Sdk.XunitException($"No log line with '{text}':\n{string.Join('\n', backend.Logs.Lines)}");
    }
}
