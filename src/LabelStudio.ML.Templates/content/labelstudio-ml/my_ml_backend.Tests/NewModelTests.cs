using LabelStudio.ML.Testing;
using Xunit;

namespace my_ml_backend.Tests;

/// <summary>
/// The backend over real HTTP, as Label Studio talks to it: TestBackend starts it in this process on a free
/// loopback port with a fresh MODEL_DIR, and sends the requests Label Studio sends.
/// </summary>
public sealed class NewModelTests
{
    private const string LabelConfig = """
        <View>
          <Text name="text" value="$text"/>
          <Choices name="sentiment" toName="text"><Choice value="Positive"/><Choice value="Negative"/></Choices>
        </View>
        """;

    // Training runs inside the webhook request here, so a test sees its effect at once.
    private static readonly Dictionary<string, string?> SyncTraining = new() { ["TRAINING_MODE"] = "sync" };

    [Fact]
    public async Task Setup_answers_the_first_model_version()
    {
        await using var backend = await TestBackend.StartAsync<NewModel>();

        Assert.Equal("0.0.1", await backend.SetupAsync(LabelConfig));
    }

    [Fact]
    public async Task Predicts_nothing_before_it_has_learned()
    {
        await using var backend = await TestBackend.StartAsync<NewModel>();

        var predictions = await backend.GetPredictionsAsync(LabelConfig, TestTasks.Create("text", "What a lovely day"));

        Assert.Empty(Assert.Single(predictions).Regions);
    }

    [Fact]
    public async Task Predicts_the_choice_learned_from_an_annotation()
    {
        await using var backend = await TestBackend.StartAsync<NewModel>(SyncTraining);
        var annotated = TestTasks.Create("text", "The food was terrible").Single();

        await backend.WebhookAsync("ANNOTATION_CREATED", LabelConfig, annotated, [TestTasks.Choice("sentiment", "text", "Negative")]);
        var predictions = await backend.GetPredictionsAsync(LabelConfig, TestTasks.Create("text", "Terrible weather", "Nothing in common"));

        var region = Assert.Single(predictions[0].Regions);
        Assert.Equal("sentiment", region.FromName);
        Assert.Equal(["Negative"], region.Choices);
        Assert.Equal("0.1.0", predictions[0].ModelVersion);
        Assert.Empty(predictions[1].Regions);
    }
}
