using System.Text.Json.Nodes;

namespace LabelStudio.ML.Frontend.Tests;

/// <summary>
/// What the Label Studio frontend made of one task with its predictions: <see cref="Ok"/> when it loaded every result
/// item as sent (per <c>from_name/type</c>), displayed them, and the page logged no error; otherwise
/// <see cref="Failures"/> says what went wrong.
/// </summary>
internal sealed record FrontendVerdict(JsonObject Json)
{
    public bool Ok => Json["ok"]?.GetValue<bool>() ?? false;

    public IReadOnlyList<string> Failures => [.. Json["failures"]?.AsArray().Select(failure => failure!.GetValue<string>()) ?? []];

    /// <summary>Result items sent in prediction 0, per <c>from_name/type</c>.</summary>
    public JsonObject? Sent => Json["sent"]?.AsArray().FirstOrDefault()?.AsObject();

    /// <summary>Result items LSF loaded for prediction 0, per <c>from_name/type</c>.</summary>
    public JsonObject? Loaded => Json["loaded"]?.AsArray().FirstOrDefault()?.AsObject();

    public override string ToString() => Json.ToJsonString();
}
