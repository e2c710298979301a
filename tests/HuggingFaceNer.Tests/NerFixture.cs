using LabelStudio.ML.Examples.Text;
using LabelStudio.ML.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace HuggingFaceNer.Tests;

/// <summary>One MiniLM load shared by every backend the tests start.</summary>
public sealed class NerFixture : IDisposable
{
    public const string LabelConfig = """
        <View>
          <Labels name="label" toName="text">
            <Label value="PER"/>
            <Label value="ORG"/>
            <Label value="LOC"/>
          </Labels>
          <Text name="text" value="$text"/>
        </View>
        """;

    public MiniLmEncoder Encoder { get; } = MiniLmEncoder.Load();

    public Task<TestBackend> StartAsync(Dictionary<string, string?>? settings = null)
    {
        settings ??= [];
        settings["TRAINING_MODE"] = "sync";
        return TestBackend.StartAsync<NerModel>(settings, services => services.AddSingleton(Encoder).AddHuggingFaceNer());
    }

    public void Dispose() => Encoder.Dispose();
}
