using LabelStudio.ML.Examples.Text;
using LabelStudio.ML.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Gliner.Tests;

/// <summary>One MiniLM load shared by every fallback backend of a test class.</summary>
public sealed class FallbackFixture : IDisposable
{
    /// <summary>Labels named as a project might, with hints the fallback compares spans with.</summary>
    public const string LabelConfig = """
        <View>
          <Labels name="label" toName="text">
            <Label value="PER" hint="person"/>
            <Label value="ORG" hint="company"/>
            <Label value="LOC" hint="city"/>
          </Labels>
          <Text name="text" value="$text"/>
        </View>
        """;

    public MiniLmEncoder Encoder { get; } = MiniLmEncoder.Load();

    public Task<TestBackend> StartAsync(Dictionary<string, string?>? settings = null)
    {
        settings ??= [];
        settings["TRAINING_MODE"] = "sync";
        return TestBackend.StartAsync<GlinerModel>(settings, services => services.AddSingleton(Encoder).AddGliner());
    }

    public void Dispose() => Encoder.Dispose();
}
