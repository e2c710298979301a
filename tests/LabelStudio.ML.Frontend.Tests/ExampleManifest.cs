using System.Text.Json.Nodes;

namespace LabelStudio.ML.Frontend.Tests;

/// <summary>
/// <c>examples/&lt;name&gt;/frontend-check.json</c>: how to get real predictions from an example backend for the
/// frontend check. <c>assembly</c> (the built backend), <c>labelConfig</c>, <c>tasks</c> to predict, and optionally
/// <c>environment</c> (e.g. <c>TRAINING_MODE=sync</c>), <c>training</c> (annotations sent first, each as an
/// <c>ANNOTATION_CREATED</c> webhook: <c>{"task": {…}, "result": […]}</c>), <c>context</c> (an interactive
/// selection sent with <c>/predict</c>) and <c>fakeProviders</c> (for LLM examples: the fixed answer of a loopback
/// provider per route, e.g. <c>{"chat": "Positive"}</c>; <c>{fake}</c> in environment values is its address).
/// </summary>
internal sealed record ExampleManifest(
    string Name,
    string Assembly,
    string LabelConfig,
    IReadOnlyList<JsonObject> Tasks,
    IReadOnlyDictionary<string, string> Environment,
    IReadOnlyList<JsonObject> Training,
    JsonObject? Context,
    IReadOnlyDictionary<string, string> FakeProviders)
{
    public const string FileName = "frontend-check.json";

    /// <summary>The names of the examples that have a manifest.</summary>
    public static IEnumerable<string> Names() =>
        Directory.EnumerateDirectories(Path.Combine(Repository.Root, "examples"))
            .Where(folder => File.Exists(Path.Combine(folder, FileName)))
            .Select(folder => Path.GetFileName(folder))
            .Order(StringComparer.Ordinal);

    public static ExampleManifest Load(string name)
    {
        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(Repository.Root, "examples", name, FileName)))!.AsObject();
        return new ExampleManifest(
            name,
            json["assembly"]!.GetValue<string>(),
            json["labelConfig"]!.GetValue<string>(),
            [.. json["tasks"]!.AsArray().Select(task => task!.AsObject())],
            json["environment"]?.AsObject().ToDictionary(pair => pair.Key, pair => pair.Value!.GetValue<string>()) ?? [],
            [.. json["training"]?.AsArray().Select(item => item!.AsObject()) ?? []],
            json["context"]?.AsObject(),
            json["fakeProviders"]?.AsObject().ToDictionary(pair => pair.Key, pair => pair.Value!.GetValue<string>()) ?? []);
    }
}
