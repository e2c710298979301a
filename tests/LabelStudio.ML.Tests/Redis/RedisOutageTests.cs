using System.Net;
using System.Text.Json.Nodes;
using LabelStudio.ML.Tests.Support;
using Xunit;

namespace LabelStudio.ML.Tests.Redis;

/// <summary>Redis killed and started again while a replica serves: no crash, clear 503s while it is down, recovery after.</summary>
public sealed class RedisOutageTests(RedisServerFixture fixture) : IClassFixture<RedisServerFixture>
{
    [Fact]
    public async Task While_Redis_is_down_predictions_go_on_and_state_writes_answer_503_until_it_is_back()
    {
        await using var replicas = new RedisReplicas(fixture.Server);
        var process = (await replicas.StartAsync(1))[0];
        using var client = RedisReplicas.ClientFor(process);
        var trained = await TrainingCalls.WaitAsync(client, await TrainingCalls.SendAsync(client, TrainingEvent.StartTraining, 51));
        Assert.Equal("1.0.0", trained["model_version_after"]!.GetValue<string>());
        Assert.Equal(("1.0.0", "1.0.0"), await RedisReplicas.PredictAsync(client, 51));

        await fixture.Server.KillAsync();

        // A model that needs no state keeps answering, with the version it served last.
        Assert.Equal(("1.0.0", "1.0.0"), await RedisReplicas.PredictAsync(client, 51));

        using (var setup = await RedisReplicas.PostAsync(client, "/setup", Payloads.Setup(Payloads.SentimentConfig, "51.1700000000", "x")))
        {
            var body = JsonNode.Parse(await setup.Content.ReadAsStringAsync())!;
            Assert.Equal(HttpStatusCode.ServiceUnavailable, setup.StatusCode);
            Assert.True(setup.Headers.RetryAfter?.Delta > TimeSpan.Zero);
            Assert.StartsWith($"State store unavailable: Redis at 127.0.0.1:{fixture.Server.Port}/0 did not answer", body["detail"]!.GetValue<string>(), StringComparison.Ordinal);
            Assert.Equal(503, body["status"]!.GetValue<int>());
        }

        using (var webhook = await RedisReplicas.PostAsync(client, "/webhook", Payloads.Webhook(TrainingEvent.StartTraining, 51, Payloads.SentimentConfig)))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, webhook.StatusCode);
        }

        var health = JsonNode.Parse(await client.GetStringAsync("/health"))!;
        Assert.Equal("UP", health["status"]!.GetValue<string>());
        Assert.False(health["store"]!["connected"]!.GetValue<bool>());
        Assert.False(health["training"]!["connected"]!.GetValue<bool>());

        // Back, empty (no persistence): the replica reconnects by itself and the queue works again.
        fixture.Server.Start();
        HttpStatusCode status = 0;
        for (var attempt = 0; attempt < 100 && status != HttpStatusCode.OK; attempt++)
        {
            await Task.Delay(100);
            using var retry = await RedisReplicas.PostAsync(client, "/setup", Payloads.Setup(Payloads.SentimentConfig, "51.1700000000", "y"));
            status = retry.StatusCode;
        }

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("y", (await RedisReplicas.PredictAsync(client, 51, "extra_params")).Text);
        var again = await TrainingCalls.WaitAsync(client, await TrainingCalls.SendAsync(client, TrainingEvent.StartTraining, 51));
        Assert.Equal("succeeded", TrainingCalls.State(again));
        Assert.True(JsonNode.Parse(await client.GetStringAsync("/health"))!["store"]!["connected"]!.GetValue<bool>());
        Assert.False(process.HasExited);
    }
}
