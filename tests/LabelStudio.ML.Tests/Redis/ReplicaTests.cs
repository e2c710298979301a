using System.Net;
using System.Text.Json.Nodes;
using LabelStudio.ML.Testing;
using LabelStudio.ML.Tests.Support;
using Xunit;

namespace LabelStudio.ML.Tests.Redis;

/// <summary>Two replicas (server processes) sharing a real Redis: state, the training queue and model versions.</summary>
public sealed class ReplicaTests(RedisServerFixture fixture) : IClassFixture<RedisServerFixture>
{
    [Fact]
    public async Task State_written_through_one_replica_is_read_through_the_other()
    {
        // Each replica has its own MODEL_DIR here: what B reads can only come from Redis.
        await using var replicas = new RedisReplicas(fixture.Server);
        var (a, b) = await replicas.StartAsync(2, ownModelDirs: true) is [var first, var second] ? (first, second) : default;
        using var clientA = RedisReplicas.ClientFor(a);
        using var clientB = RedisReplicas.ClientFor(b);

        Assert.Equal("(none)", (await RedisReplicas.PredictAsync(clientB, 5, "extra_params")).Text);
        using var setup = await RedisReplicas.PostAsync(clientA, "/setup", Payloads.Setup(Payloads.SentimentConfig, "5.1700000000", "threshold=0.7"));
        Assert.Equal(HttpStatusCode.OK, setup.StatusCode);

        Assert.Equal("threshold=0.7", (await RedisReplicas.PredictAsync(clientB, 5, "extra_params")).Text);
        Assert.Equal(Payloads.SentimentConfig, (await RedisReplicas.PredictAsync(clientB, 5, StateKeys.LabelConfig)).Text);
        Assert.False(File.Exists(Path.Combine(a.ModelDir, SqliteStateStore.FileName)));
        Assert.False(File.Exists(Path.Combine(b.ModelDir, SqliteStateStore.FileName)));

        var health = JsonNode.Parse(await clientB.GetStringAsync("/health"))!;
        Assert.Equal("redis", health["store"]!["type"]!.GetValue<string>());
        Assert.True(health["store"]!["connected"]!.GetValue<bool>());
        Assert.Equal("redis", health["training"]!["queue"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_burst_of_webhooks_on_both_replicas_trains_each_project_one_job_at_a_time()
    {
        await using var replicas = new RedisReplicas(fixture.Server);
        var processes = await replicas.StartAsync(2, new() { ["FIT_DELAY_MS"] = "300", ["TRAINING_MAX_PARALLEL"] = "2" });
        var clients = processes.Select(RedisReplicas.ClientFor).ToArray();
        long[] projects = [21, 22, 23];
        var sent = projects.ToDictionary(project => project, _ => 0);
        for (var i = 0; i < 18; i++)
        {
            var project = projects[i % projects.Length];
            await TrainingCalls.SendAsync(clients[i % 2], TrainingEvent.AnnotationCreated, project);
            sent[project]++;
            await Task.Delay(60);
        }

        foreach (var project in projects)
        {
            var jobs = (await TrainingCalls.WaitForProjectAsync(clients[0], project))
                .OrderBy(job => job["started_at"]!.GetValue<DateTimeOffset>())
                .ToList();
            Assert.All(jobs, job => Assert.Equal("succeeded", TrainingCalls.State(job)));
            Assert.Equal(sent[project], jobs.Sum(job => job["events_folded"]!.GetValue<int>()));
            for (var i = 0; i < jobs.Count; i++)
            {
                // Each job saw the state the previous one left: the fit counter went up by one per job.
                Assert.Equal(RedisReplicas.Weights(i + 1), jobs[i]["model_version_after"]!.GetValue<string>());
                Assert.Equal(1, jobs[i]["attempts"]!.GetValue<int>());
                if (i > 0)
                {
                    Assert.True(
                        jobs[i - 1]["finished_at"]!.GetValue<DateTimeOffset>() <= jobs[i]["started_at"]!.GetValue<DateTimeOffset>(),
                        $"Jobs of project {project} overlapped: {jobs[i - 1].ToJsonString()} and {jobs[i].ToJsonString()}");
                }
            }

            // Both replicas answer with the last version.
            foreach (var client in clients)
            {
                Assert.Equal((RedisReplicas.Weights(jobs.Count), RedisReplicas.Weights(jobs.Count)), await RedisReplicas.PredictAsync(client, project));
            }
        }

        foreach (var client in clients)
        {
            client.Dispose();
        }
    }

    [Fact]
    public async Task When_the_replica_holding_the_lease_is_killed_the_other_finishes_the_job()
    {
        await using var replicas = new RedisReplicas(fixture.Server);
        var processes = await replicas.StartAsync(2, new() { ["FIT_DELAY_MS"] = "4000", ["TRAINING_LEASE_MS"] = "1500" });
        using var sender = RedisReplicas.ClientFor(processes[0]);
        var id = await TrainingCalls.SendAsync(sender, TrainingEvent.StartTraining, 31);
        var running = await TrainingCalls.WaitAsync(sender, id, job => job["progress"] is not null);
        var holder = processes.Single(process => RedisReplicas.ReplicaName(process) == running["replica"]!.GetValue<string>());
        var survivor = processes.Single(process => process != holder);

        await holder.KillAsync();

        using var client = RedisReplicas.ClientFor(survivor);
        var job = await TrainingCalls.WaitAsync(client, id);
        Assert.Equal("succeeded", TrainingCalls.State(job));
        Assert.Equal(2, job["attempts"]!.GetValue<int>());
        Assert.Equal(RedisReplicas.ReplicaName(survivor), job["replica"]!.GetValue<string>());
        Assert.Equal("1.0.0", job["model_version_after"]!.GetValue<string>());
        Assert.Contains($"Training job {id} of project '31' was running on a replica that stopped; this replica runs it again", survivor.Output, StringComparison.Ordinal);
        Assert.Equal(("1.0.0", "1.0.0"), await RedisReplicas.PredictAsync(client, 31));
    }

    [Fact]
    public async Task After_training_on_one_replica_the_other_serves_the_new_version_without_a_restart()
    {
        await using var replicas = new RedisReplicas(fixture.Server);
        var processes = await replicas.StartAsync(2);
        using var clientA = RedisReplicas.ClientFor(processes[0]);
        using var clientB = RedisReplicas.ClientFor(processes[1]);
        Assert.Equal((TrainingHost.TrainableModel.Untrained, "0.0.1"), await RedisReplicas.PredictAsync(clientB, 41));

        var job = await TrainingCalls.WaitAsync(clientA, await TrainingCalls.SendAsync(clientA, TrainingEvent.StartTraining, 41));
        Assert.Equal("succeeded", TrainingCalls.State(job));

        Assert.Equal(("1.0.0", "1.0.0"), await RedisReplicas.PredictAsync(clientB, 41));
        Assert.Equal(("1.0.0", "1.0.0"), await RedisReplicas.PredictAsync(clientA, 41));

        // The replica that did not train heard of the new version on the pub/sub channel.
        var listener = processes.Single(process => RedisReplicas.ReplicaName(process) != job["replica"]!.GetValue<string>());
        await Eventually(() => listener.Output.Contains("Project '41' is now at model version 1.0.0", StringComparison.Ordinal), listener.Output);
    }

    [Fact]
    public async Task A_new_version_is_warmed_up_on_every_replica_by_its_signal_and_served_once_ready()
    {
        await using var replicas = new RedisReplicas(fixture.Server);
        var processes = await replicas.StartAsync(2, new() { ["MODEL_CLASS"] = "warmed", ["WARMUP_DELAY_MS"] = "1500" });
        using var trainer = RedisReplicas.ClientFor(processes[0]);
        using var other = RedisReplicas.ClientFor(processes[1]);
        Assert.Equal((TrainingHost.TrainableModel.Untrained, "0.0.1"), await RedisReplicas.PredictAsync(other, 42));

        var job = await TrainingCalls.WaitAsync(trainer, await TrainingCalls.SendAsync(trainer, TrainingEvent.StartTraining, 42));
        var listener = processes.Single(process => RedisReplicas.ReplicaName(process) != job["replica"]!.GetValue<string>());
        using var listenerClient = RedisReplicas.ClientFor(listener);

        // No request reaches the listener now: only the pub/sub signal can make it load the new version.
        await Eventually(() => listener.Output.Contains("Project '42' model version 1.0.0 warmed up", StringComparison.Ordinal), listener.Output);
        Assert.Equal(("1.0.0", "1.0.0"), await RedisReplicas.PredictAsync(listenerClient, 42));
    }

    private static async Task Eventually(Func<bool> condition, string because)
    {
        for (var attempt = 0; attempt < 300 && !condition(); attempt++)
        {
            await Task.Delay(50);
        }

        Assert.True(condition(), because);
    }
}

/// <summary>One redis-server for the tests of a class.</summary>
public sealed class RedisServerFixture : IAsyncLifetime
{
    public RedisServer Server { get; private set; } = null!;

    public Task InitializeAsync()
    {
        Server = new RedisServer();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
