using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using LabelStudio.ML;

namespace InteractiveSubstringMatching;

/// <summary>
/// Interactive pre-annotation without a model: when the labeler selects a span of text and gives it a label, every
/// other occurrence of the same text in the task (case-insensitive) comes back as a suggested span with that label.
/// </summary>
/// <remarks>
/// Differences from the original Python example, on purpose: the keyword is matched literally (the original built
/// a regular expression from it unescaped, so a selection such as <c>C++</c> or <c>(a)</c> failed), and the span the
/// labeler selected is not suggested again, since the annotation already holds it.
/// </remarks>
public sealed class SubstringMatchingModel : LabelStudioModel
{
    /// <inheritdoc />
    public override async Task<ModelResponse?> PredictAsync(PredictRequest request, CancellationToken cancellationToken)
    {
        var selection = FindSelection(request);
        if (selection is null)
        {
            // Only interactive calls carry a selection; batch pre-annotation has nothing to match.
            return ModelResponse.Empty;
        }

        var predictions = new List<Prediction>(request.Tasks.Count);
        foreach (var task in request.Tasks)
        {
            cancellationToken.ThrowIfCancellationRequested();
            predictions.Add(await PredictTaskAsync(task, selection, cancellationToken));
        }

        return new ModelResponse(predictions);
    }

    private async Task<Prediction> PredictTaskAsync(LabelStudioTask task, Selection selection, CancellationToken cancellationToken)
    {
        // Inline text as it is; an uploaded .txt file, a storage file or a URL (valueType="url") read through TaskData.
        var text = await TaskData.ReadTextAsync(task, Config.GetObject(selection.Tag.ToName), cancellationToken);
        var keyword = selection.Keyword.ToLowerInvariant();
        var regions = new List<Region>();
        var scores = new List<double>();
        foreach (Match match in Regex.Matches(text, Regex.Escape(selection.Keyword), RegexOptions.IgnoreCase | RegexOptions.CultureInvariant))
        {
            var start = TextOffsets.ToCodePointIndex(text, match.Index);
            var end = TextOffsets.ToCodePointIndex(text, match.Index + match.Length);
            if (task.Id == selection.TaskId && start == selection.Start && end == selection.End)
            {
                continue;
            }

            var score = Similarity(keyword, match.Value);
            regions.Add(Region.Span(selection.Tag, text, match.Index, match.Length, selection.Labels).WithScore(score));
            scores.Add(score);
        }

        return new Prediction(regions, scores.Count == 0 ? 0 : scores.Average());
    }

    /// <summary>The share of characters the lower-cased keyword and the matched text have in common, position by position.</summary>
    private static double Similarity(string lowerKeyword, string matched)
    {
        var length = Math.Max(lowerKeyword.Length, matched.Length);
        if (length == 0)
        {
            return 0;
        }

        var same = 0;
        for (var i = 0; i < Math.Min(lowerKeyword.Length, matched.Length); i++)
        {
            if (lowerKeyword[i] == matched[i])
            {
                same++;
            }
        }

        return (double)same / length;
    }

    /// <summary>The labeled span of the interactive context that belongs to a <c>Labels</c> control of the config.</summary>
    private Selection? FindSelection(PredictRequest request)
    {
        foreach (var region in request.ContextRegions)
        {
            if (Text(region["from_name"]) is not { } fromName
                || !Config.TryGetControl(fromName, out var control)
                || !control.Tag.Equals("Labels", StringComparison.OrdinalIgnoreCase)
                || region["value"] is not JsonObject value
                || Text(value["text"]) is not { Length: > 0 } keyword)
            {
                continue;
            }

            var toName = Text(region["to_name"]) ?? control.ToNames[0];
            List<string> labels = value["labels"] is JsonArray given ? [.. given.Select(Text).OfType<string>()] : [];
            var tag = control.Match(toName);
            return new Selection(tag, keyword, labels, Offset(value["start"]), Offset(value["end"]), request.Tasks.Count == 1 ? request.Tasks[0].Id : null);
        }

        return null;
    }

    /// <summary>The string a context member holds, or <see langword="null"/> when it is absent or not a string.</summary>
    private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static int? Offset(JsonNode? node) => node is JsonValue value && value.TryGetValue<int>(out var offset) ? offset : null;

    private sealed record Selection(TagMatch Tag, string Keyword, IReadOnlyList<string> Labels, int? Start, int? End, long? TaskId);
}
