using System.Text.Json.Nodes;

namespace LabelStudio.ML;

/// <summary>
/// One model opinion about one task (SPEC §6.1): its regions (<c>result</c>), an overall confidence
/// (<c>score</c>) and optionally the model version that made it.
/// </summary>
public sealed class Prediction
{
    /// <summary>
    /// Creates a prediction. Relations are placed after all other results, flat in the same list, so that every
    /// region a relation refers to comes before it (SPEC §13, QUIRK-10); the order is otherwise kept.
    /// </summary>
    /// <param name="result">The regions; an empty list is a valid "nothing found".</param>
    /// <param name="score">Overall confidence, used by Label Studio for sorting; written as 0.0 when null.</param>
    /// <param name="modelVersion">Version that made this prediction; when null or empty the response's version is stamped in.</param>
    public Prediction(IEnumerable<Region> result, double? score = null, string? modelVersion = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        var regions = result.ToList();
        if (regions.Contains(null!))
        {
            throw new ArgumentException("A prediction's result cannot hold null regions.", nameof(result));
        }

        Result = [.. regions.Where(region => !region.IsRelation), .. regions.Where(region => region.IsRelation)];
        Score = score;
        ModelVersion = modelVersion;
    }

    /// <summary>The results: regions first, then relations.</summary>
    public IReadOnlyList<Region> Result { get; }

    /// <summary>Overall confidence; null is written as 0.0.</summary>
    public double? Score { get; }

    /// <summary>The version that made this prediction, or null to take the response's.</summary>
    public string? ModelVersion { get; }

    /// <summary>
    /// The prediction object on the wire: exactly <c>model_version</c>, <c>score</c> and <c>result</c>, with
    /// <paramref name="stampedVersion"/> in place of a missing own version.
    /// </summary>
    internal JsonObject ToJson(string? stampedVersion)
    {
        var result = new JsonArray();
        foreach (var region in Result)
        {
            result.Add(region.Json.DeepClone());
        }

        return new JsonObject
        {
            ["model_version"] = string.IsNullOrEmpty(ModelVersion) && !string.IsNullOrEmpty(stampedVersion) ? stampedVersion : ModelVersion,
            ["score"] = Score ?? 0.0,
            ["result"] = result,
        };
    }
}
