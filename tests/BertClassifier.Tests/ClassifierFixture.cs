using LabelStudio.ML.Examples.Text;
using LabelStudio.ML.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace BertClassifier.Tests;

/// <summary>One MiniLM load shared by every backend the tests start.</summary>
public sealed class ClassifierFixture : IDisposable
{
    public const string LabelConfig = """
        <View>
          <Text name="text" value="$text"/>
          <Choices name="topic" toName="text" choice="single">
            <Choice value="Sports"/>
            <Choice value="Politics"/>
            <Choice value="Technology"/>
            <Choice value="Food"/>
          </Choices>
        </View>
        """;

    public MiniLmEncoder Encoder { get; } = MiniLmEncoder.Load();

    /// <summary>A backend of the example with training run inside the webhook call.</summary>
    public Task<TestBackend> StartAsync(Dictionary<string, string?>? settings = null)
    {
        settings ??= [];
        settings["TRAINING_MODE"] = "sync";
        return TestBackend.StartAsync<BertClassifierModel>(settings, services =>
        {
            services.AddSingleton(Encoder);
            services.AddBertClassifier();
        });
    }

    public void Dispose() => Encoder.Dispose();
}
