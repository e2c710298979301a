using System.Text.Json.Nodes;

namespace LabelStudio.ML.Tests.Support;

/// <summary>Builds typed responses from the Python-side <c>ModelResponse</c> JSON the fixtures script.</summary>
internal static class ModelResponseJson
{
    public static ModelResponse FromFixture(JsonObject value)
    {
        var tasks = new List<IReadOnlyList<Prediction>>();
        foreach (var entry in value["predictions"]!.AsArray())
        {
            tasks.Add(entry is JsonArray several ? [.. several.Select(item => ParsePrediction(item!.AsObject()))] : [ParsePrediction(entry!.AsObject())]);
        }

        return ModelResponse.PerTask(tasks, value["model_version"]?.GetValue<string>());
    }

    private static Prediction ParsePrediction(JsonObject prediction) =>
        new(
            prediction["result"]!.AsArray().Select(region => Region.FromJson(region!.AsObject())),
            prediction["score"]?.GetValue<double>(),
            prediction["model_version"]?.GetValue<string>());
}
