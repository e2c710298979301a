using System.Text.Json.Nodes;

namespace LabelStudio.ML.Examples.Vision;

/// <summary>
/// What Label Studio's smart tools sent in an interactive request (SPEC §7.2), in percent of the image: every
/// keypoint with its <c>is_positive</c> flag (false for an Alt-click, a point off the object; absent means positive),
/// the last rectangle, the label the labeler picked, and the image object they were drawn on.
/// </summary>
public sealed record SmartToolPrompt(
    string ToName, string? Label, IReadOnlyList<(double X, double Y, bool Positive)> Points, (double X, double Y, double Width, double Height)? Box)
{
    /// <summary>
    /// The prompt of <paramref name="request"/>'s context: its <c>keypointlabels</c>/<c>keypoint</c> and
    /// <c>rectanglelabels</c>/<c>rectangle</c> regions, or <see langword="null"/> when it has none (a batch call).
    /// </summary>
    /// <returns>The prompt.</returns>
    public static SmartToolPrompt? From(PredictRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return From(request.ContextRegions);
    }

    /// <summary>The prompt of interactive-context <paramref name="regions"/>, as <see cref="From(PredictRequest)"/>.</summary>
    /// <returns>The prompt.</returns>
    public static SmartToolPrompt? From(IEnumerable<JsonObject> regions)
    {
        ArgumentNullException.ThrowIfNull(regions);
        string? toName = null;
        string? label = null;
        var points = new List<(double, double, bool)>();
        (double, double, double, double)? box = null;
        foreach (var region in regions)
        {
            var type = JsonValues.String(region["type"]);
            if (type is not ("keypointlabels" or "keypoint" or "rectanglelabels" or "rectangle") || region["value"] is not JsonObject value
                || JsonValues.Number(value["x"]) is not { } x || JsonValues.Number(value["y"]) is not { } y)
            {
                continue;
            }

            toName ??= JsonValues.String(region["to_name"]);
            label ??= value[type] is JsonArray { Count: > 0 } labels ? JsonValues.String(labels[0]) : null;
            if (type.StartsWith("keypoint", StringComparison.Ordinal))
            {
                var positive = region["is_positive"] is not JsonValue flag || !flag.TryGetValue<bool>(out var isPositive) || isPositive;
                points.Add((x, y, positive));
            }
            else if (JsonValues.Number(value["width"]) is { } width && JsonValues.Number(value["height"]) is { } height)
            {
                // The last rectangle is the box prompt, as in the original.
                box = (x, y, width, height);
            }
        }

        return points.Count == 0 && box is null ? null : new SmartToolPrompt(toName ?? "", label, points, box);
    }

    /// <summary>The prompt in pixels of <paramref name="image"/>.</summary>
    /// <returns>The pixel prompt.</returns>
    public SegmentPrompt ToPixels(TaskImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        return new SegmentPrompt(
            [.. Points.Where(p => p.Positive).Select(p => image.ToPixels(p.X, p.Y))],
            [.. Points.Where(p => !p.Positive).Select(p => image.ToPixels(p.X, p.Y))],
            Box is { } b ? image.ToPixels(b.X, b.Y, b.Width, b.Height) : null);
    }
}
