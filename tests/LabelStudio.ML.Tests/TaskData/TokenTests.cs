using Xunit;

namespace LabelStudio.ML.Tests.TaskData;

/// <summary>Both kinds of Label Studio token (SPEC §3.2), against a fake that issues and checks expiring JWTs.</summary>
public sealed class TokenTests
{
    [Fact]
    public async Task A_legacy_token_goes_out_as_Token_and_is_never_exchanged()
    {
        await using var fake = await FakeLabelStudio.StartAsync();
        fake.Files["/storage-data/uploaded/?filepath=upload/1/a.txt"] = FakeFile.Text("hello");
        await using var harness = TaskDataHarness.For(fake);

        Assert.Equal("hello", await harness.TaskData.ReadTextAsync("/data/upload/1/a.txt"));

        Assert.Equal($"Token {FakeLabelStudio.LegacyToken}", Assert.Single(fake.Gets).Authorization);
        Assert.Equal(0, fake.Refreshes);
    }

    [Fact]
    public async Task A_personal_access_token_is_exchanged_for_a_bearer_access_token_that_is_cached()
    {
        await using var fake = await FakeLabelStudio.StartAsync();
        fake.Files["/storage-data/uploaded/?filepath=upload/1/a.txt"] = FakeFile.Text("a");
        fake.Files["/storage-data/uploaded/?filepath=upload/1/b.txt"] = FakeFile.Text("b");
        await using var harness = TaskDataHarness.For(fake, fake.IssuePersonalAccessToken());

        Assert.Equal("a", await harness.TaskData.ReadTextAsync("/data/upload/1/a.txt"));
        Assert.Equal("b", await harness.TaskData.ReadTextAsync("/data/upload/1/b.txt"));

        Assert.Equal(1, fake.Refreshes);
        var refresh = fake.Requests[0];
        Assert.Equal(("POST", "/api/token/refresh/", null), (refresh.Method, refresh.Path, refresh.Authorization));
        Assert.All(fake.Gets, get => Assert.StartsWith("Bearer ey", get.Authorization, StringComparison.Ordinal));
        Assert.Single(fake.Gets.Select(get => get.Authorization).Distinct());
    }

    [Fact]
    public async Task An_access_token_is_refreshed_when_it_nears_expiry()
    {
        var clock = new ManualTime();
        await using var fake = await FakeLabelStudio.StartAsync();
        fake.Clock = clock;
        fake.AccessTokenLifetime = TimeSpan.FromMinutes(5);
        fake.Files["/storage-data/uploaded/?filepath=upload/1/a.txt"] = FakeFile.Text("a");
        fake.Files["/storage-data/uploaded/?filepath=upload/1/b.txt"] = FakeFile.Text("b");
        await using var harness = TaskDataHarness.For(fake, fake.IssuePersonalAccessToken(), time: clock);

        await harness.TaskData.ReadTextAsync("/data/upload/1/a.txt");
        clock.Now += TimeSpan.FromMinutes(5) - LabelStudioTokenProvider.ExpiryMargin + TimeSpan.FromSeconds(1);
        await harness.TaskData.ReadTextAsync("/data/upload/1/b.txt");

        Assert.Equal(2, fake.Refreshes);
        Assert.NotEqual(fake.Gets[0].Authorization, fake.Gets[1].Authorization);
    }

    [Fact]
    public async Task A_401_to_a_cached_access_token_refreshes_once_and_retries()
    {
        await using var fake = await FakeLabelStudio.StartAsync();
        fake.Files["/storage-data/uploaded/?filepath=upload/1/a.txt"] = FakeFile.Text("a");
        fake.Files["/storage-data/uploaded/?filepath=upload/1/b.txt"] = FakeFile.Text("b");
        await using var harness = TaskDataHarness.For(fake, fake.IssuePersonalAccessToken());
        await harness.TaskData.ReadTextAsync("/data/upload/1/a.txt");

        fake.RevokeAccessTokens();
        Assert.Equal("b", await harness.TaskData.ReadTextAsync("/data/upload/1/b.txt"));

        Assert.Equal(2, fake.Refreshes);
        Assert.Equal(3, fake.Gets.Count);
        Assert.Equal(fake.Gets[0].Authorization, fake.Gets[1].Authorization);
        Assert.NotEqual(fake.Gets[1].Authorization, fake.Gets[2].Authorization);
    }

    [Fact]
    public async Task A_401_after_a_fresh_refresh_is_not_retried_again()
    {
        await using var fake = await FakeLabelStudio.StartAsync();
        await using var harness = TaskDataHarness.For(fake, fake.IssuePersonalAccessToken());
        fake.ScriptedStatuses.Enqueue(401);
        fake.ScriptedStatuses.Enqueue(401);

        var error = await Assert.ThrowsAsync<TaskDataException>(() => harness.TaskData.GetLocalPathAsync("/data/upload/1/a.txt"));

        Assert.Equal(TaskDataErrorCategory.Unauthorized, error.Category);
        Assert.Contains("personal access token in LABEL_STUDIO_API_KEY", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, fake.Refreshes);
    }

    [Fact]
    public async Task Concurrent_callers_share_one_refresh()
    {
        await using var fake = await FakeLabelStudio.StartAsync();
        for (var i = 0; i < 8; i++)
        {
            fake.Files[$"/storage-data/uploaded/?filepath=upload/1/{i}.txt"] = FakeFile.Text($"{i}");
        }

        await using var harness = TaskDataHarness.For(fake, fake.IssuePersonalAccessToken());

        var texts = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => harness.TaskData.ReadTextAsync($"/data/upload/1/{i}.txt")));

        Assert.Equal(Enumerable.Range(0, 8).Select(i => $"{i}"), texts);
        Assert.Equal(1, fake.Refreshes);
    }

    [Fact]
    public async Task An_expired_personal_access_token_fails_up_front_with_the_fix()
    {
        var clock = new ManualTime();
        await using var fake = await FakeLabelStudio.StartAsync();
        fake.Clock = clock;
        var token = fake.IssuePersonalAccessToken(TimeSpan.FromHours(1));
        clock.Now += TimeSpan.FromHours(2);
        await using var harness = TaskDataHarness.For(fake, token, time: clock);

        var error = await Assert.ThrowsAsync<TaskDataException>(() => harness.TaskData.GetLocalPathAsync("/data/upload/1/a.txt"));

        Assert.Equal(TaskDataErrorCategory.Unauthorized, error.Category);
        Assert.Contains("expired", error.Message, StringComparison.Ordinal);
        Assert.Contains("Personal Access Token", error.Message, StringComparison.Ordinal);
        Assert.Empty(fake.Requests);
    }

    [Fact]
    public async Task A_personal_access_token_Label_Studio_refuses_names_the_refresh_endpoint()
    {
        await using var fake = await FakeLabelStudio.StartAsync();
        await using var other = await FakeLabelStudio.StartAsync();
        await using var harness = TaskDataHarness.For(fake, other.IssuePersonalAccessToken());

        var error = await Assert.ThrowsAsync<TaskDataException>(() => harness.TaskData.GetLocalPathAsync("/data/upload/1/a.txt"));

        Assert.Equal(TaskDataErrorCategory.Unauthorized, error.Category);
        Assert.Contains("/api/token/refresh/", error.Message, StringComparison.Ordinal);
        Assert.Contains("401", error.Message, StringComparison.Ordinal);
        Assert.Empty(fake.Gets);
    }

    [Theory]
    [InlineData(FakeLabelStudio.LegacyToken)]
    [InlineData("not.a.jwt")]
    public void Opaque_tokens_are_legacy_tokens(string token) =>
        Assert.Equal(LabelStudioTokenKind.Legacy, LabelStudioTokenProvider.KindOf(token));

    [Fact]
    public void A_JWT_is_a_personal_access_token_unless_it_says_it_is_an_access_token()
    {
        var key = new byte[32];
        Assert.Equal(LabelStudioTokenKind.PersonalAccess, LabelStudioTokenProvider.KindOf(TestJwt.Issue(key, "refresh", DateTimeOffset.UtcNow.AddDays(1))));
        Assert.Equal(LabelStudioTokenKind.Access, LabelStudioTokenProvider.KindOf(TestJwt.Issue(key, "access", DateTimeOffset.UtcNow.AddDays(1))));
    }
}
