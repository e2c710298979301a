using System.Text.Json.Nodes;

namespace LabelStudio.ML;

// Per-region results (perRegion="true" controls, and a Labels control labeling a geometry region):
// they repeat the region's id and geometry so the labeling UI attaches them to it (SPEC §6.3, OCR example).
public sealed partial class Region
{
    // Region-level keys a qualifier shares with its region: identity, the image it is on, and its confidence.
    private static readonly string[] SharedRegionKeys = ["original_width", "original_height", "image_rotation", "item_index", "score"];

    /// <summary>
    /// A result of control <paramref name="tag"/> qualifying <paramref name="geometry"/>: it has the same
    /// <c>id</c>, the image keys (<c>original_width</c>, <c>original_height</c>, <c>image_rotation</c>),
    /// <c>item_index</c> and <c>score</c> of the region, and a <c>value</c> made of the region's geometry (without
    /// the region's own label list) plus <paramref name="key"/> = <paramref name="value"/>.
    /// </summary>
    /// <param name="geometry">The region being qualified; it must have an id.</param>
    /// <param name="tag">The qualifying control and the object it is attached to (the region's object).</param>
    /// <param name="type">The result type, e.g. <c>textarea</c>, <c>choices</c>, <c>labels</c>.</param>
    /// <param name="key">The value key holding the control's data, e.g. <c>text</c>, <c>choices</c>, <c>labels</c>.</param>
    /// <param name="value">The control's data; copied.</param>
    /// <exception cref="ArgumentException">The region has no id, or it lies on another object than <paramref name="tag"/>'s.</exception>
    public static Region PerRegion(Region geometry, TagMatch tag, string type, string key, JsonNode value)
    {
        ArgumentNullException.ThrowIfNull(geometry);
        ArgumentException.ThrowIfNullOrEmpty(type);
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentNullException.ThrowIfNull(value);
        var id = geometry.Id ?? throw new ArgumentException("A per-region result needs the id of its region; this region has none.", nameof(geometry));
        if (geometry.ToName is { } objectName && !string.Equals(objectName, tag.ToName, StringComparison.Ordinal))
        {
            throw new ArgumentException($"The region lies on object '{objectName}' but the control '{tag.FromName}' is matched to '{tag.ToName}'.", nameof(tag));
        }

        var qualifierValue = geometry.json["value"] is JsonObject geometryValue ? geometryValue.DeepClone().AsObject() : [];
        if (geometry.Type is { } ownType)
        {
            // A labeled geometry ("rectanglelabels") keeps its label list under its type; that belongs to the geometry only.
            qualifierValue.Remove(ownType);
        }

        qualifierValue[key] = value.DeepClone();
        var qualifier = Create(tag, type, qualifierValue, id);
        foreach (var shared in SharedRegionKeys)
        {
            if (geometry.json.TryGetPropertyValue(shared, out var node))
            {
                qualifier.json[shared] = node?.DeepClone();
            }
        }

        return qualifier;
    }

    /// <summary>A per-region <c>textarea</c> (e.g. an OCR transcription) for this region; see <see cref="PerRegion"/>.</summary>
    public Region PerRegionTextArea(TagMatch tag, params IEnumerable<string> texts) => PerRegion(this, tag, "textarea", "text", Strings(texts));

    /// <summary>A per-region <c>choices</c> result for this region; see <see cref="PerRegion"/>.</summary>
    public Region PerRegionChoices(TagMatch tag, params IEnumerable<string> choices) => PerRegion(this, tag, "choices", "choices", Strings(choices));

    /// <summary>A <c>labels</c> result naming this (unlabeled) region's labels from a separate <c>Labels</c> control; see <see cref="PerRegion"/>.</summary>
    public Region PerRegionLabels(TagMatch tag, params IEnumerable<string> labels) => PerRegion(this, tag, "labels", "labels", Strings(labels));
}
