using System.Text.Json.Nodes;
using LabelStudio.ML.Testing;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace LabelStudio.ML.Examples.JsNlp.Testing;

/// <summary>A predicted span as Label Studio receives it: label, code-point range and text.</summary>
internal sealed record PredictedSpan(string Label, int Start, int End, string Text);

/// <summary>
/// One backend serving a JavaScript NER model for a whole test class, started over real HTTP with its models
/// loaded once (seconds), so that each test costs milliseconds.
/// </summary>
public abstract class NerBackendFixture<TModel>(params JsNlpModel[] models) : IAsyncLifetime
    where TModel : LabelStudioModel
{
    public TestBackend Backend { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Backend = await TestBackend.StartAsync<TModel>(services: services => services.AddJsEntityRecognizer(models));
        await Backend.Services.GetRequiredService<JsEntityRecognizer>().WarmUpAsync();
    }

    public async Task DisposeAsync() => await Backend.DisposeAsync();

    /// <summary>The spans predicted for each text, in order.</summary>
    internal async Task<List<List<PredictedSpan>>> PredictAsync(string labelConfig, IReadOnlyList<string> texts)
    {
        var results = await Backend.PredictAsync(labelConfig, texts.Select((text, i) => new JsonObject { ["id"] = i + 1, ["data"] = new JsonObject { ["text"] = text } }));
        return [.. results.Select(prediction => prediction!["result"]!.AsArray().Select(region => new PredictedSpan(
            region!["value"]!["labels"]![0]!.GetValue<string>(),
            region["value"]!["start"]!.GetValue<int>(),
            region["value"]!["end"]!.GetValue<int>(),
            region["value"]!["text"]!.GetValue<string>())).ToList())];
    }

    /// <summary>A <c>Labels</c> → <c>Text</c> config; a label given as <c>NAME=a,b</c> gets <c>predicted_values="a,b"</c>.</summary>
    internal static string LabelConfig(params string[] labels) =>
        "<View>\n  <Labels name=\"label\" toName=\"text\">\n" +
        string.Concat(labels.Select(label => label.Split('=') is [var name, var predicted]
            ? $"    <Label value=\"{name}\" predicted_values=\"{predicted}\"/>\n"
            : $"    <Label value=\"{label}\"/>\n")) +
        "  </Labels>\n  <Text name=\"text\" value=\"$text\"/>\n</View>";
}
