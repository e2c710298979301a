using System.Text.Json.Nodes;

namespace LabelStudio.ML.Testing;

/// <summary>One entry of a <c>/predict</c> answer, read back into types a test can assert on.</summary>
/// <param name="ModelVersion">The prediction's <c>model_version</c>.</param>
/// <param name="Score">The prediction's overall <c>score</c>.</param>
/// <param name="Regions">The prediction's <c>result</c>.</param>
public sealed record TaskPrediction(string? ModelVersion, double? Score, IReadOnlyList<PredictedRegion> Regions)
{
    /// <summary>Reads the <c>results</c> array of a <c>/predict</c> answer.</summary>
    /// <exception cref="FormatException">An entry is not a prediction object.</exception>
    public static IReadOnlyList<TaskPrediction> Read(JsonArray results)
    {
        ArgumentNullException.ThrowIfNull(results);
        return [.. results.Select((entry, index) => entry is JsonObject prediction
            ? new TaskPrediction(
                (string?)prediction["model_version"],
                (double?)prediction["score"],
                [.. (prediction["result"] as JsonArray ?? []).OfType<JsonObject>().Select(PredictedRegion.Read)])
            : throw new FormatException($"Prediction {index} is not a JSON object: {entry?.ToJsonString() ?? "null"}"))];
    }
}
