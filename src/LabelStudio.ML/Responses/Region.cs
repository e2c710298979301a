using System.Text.Json.Nodes;

namespace LabelStudio.ML;

/// <summary>
/// One item of a prediction's <c>result</c> (SPEC §6.2): a region, a per-region qualifier or a relation,
/// held as the JSON object Label Studio receives.
/// </summary>
/// <remarks>
/// Build regions with the static builders (<see cref="Choices(TagMatch, string, string?)"/>,
/// <see cref="RectangleLabels"/>, <see cref="Span"/>, …), which fill <c>id</c>, <c>from_name</c>,
/// <c>to_name</c>, <c>type</c> and <c>value</c>, or wrap JSON you already have with <see cref="FromJson"/>.
/// Builders generate a short random id unless one is given; results that describe the same region
/// (a rectangle and its transcription) share one id, see <see cref="PerRegion"/>.
/// The <c>With…</c> methods set optional region keys on this region and return it for chaining.
/// </remarks>
public sealed partial class Region
{
    private readonly JsonObject json;

    private Region(JsonObject json) => this.json = json;

    /// <summary>The region id (<c>id</c>), or null when the region has none (relations, some pass-through JSON).</summary>
    public string? Id => ReadString("id");

    /// <summary>The result type (<c>type</c>): the lower-cased control tag, or <c>relation</c>.</summary>
    public string? Type => ReadString("type");

    /// <summary>The control tag name (<c>from_name</c>); null for relations.</summary>
    public string? FromName => ReadString("from_name");

    /// <summary>The object tag name (<c>to_name</c>); null for relations.</summary>
    public string? ToName => ReadString("to_name");

    /// <summary>Wraps a region object as it is, for JSON the model already has; the object is copied.</summary>
    public static Region FromJson(JsonObject json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return new Region(json.DeepClone().AsObject());
    }

    /// <summary>Returns a copy of the region's JSON object.</summary>
    public JsonObject ToJson() => json.DeepClone().AsObject();

    /// <summary>Sets the per-region confidence (<c>score</c>, 0–1).</summary>
    public Region WithScore(double score) => With("score", score);

    /// <summary>Sets the <c>readonly</c> flag: the annotator cannot change the region.</summary>
    public Region WithReadOnly(bool readOnly = true) => With("readonly", readOnly);

    /// <summary>Sets the <c>hidden</c> flag: the region starts hidden in the labeling UI.</summary>
    public Region WithHidden(bool hidden = true) => With("hidden", hidden);

    /// <summary>Sets <c>parentID</c>, the id of the region this one belongs to (keypoints inside a box).</summary>
    public Region WithParent(string parentId)
    {
        ArgumentException.ThrowIfNullOrEmpty(parentId);
        return With("parentID", parentId);
    }

    /// <summary>Sets the region note (<c>meta</c>), e.g. <c>{"text": ["bbox-0"]}</c>; the object is copied.</summary>
    public Region WithMeta(JsonObject meta)
    {
        ArgumentNullException.ThrowIfNull(meta);
        return With("meta", meta);
    }

    /// <summary>Sets <c>item_index</c>, the item of a multi-item object (<c>Image valueList</c>) the region is on.</summary>
    public Region WithItemIndex(int itemIndex)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(itemIndex);
        return With("item_index", itemIndex);
    }

    /// <summary>Sets <c>origin</c> (<c>manual</c>, <c>prediction</c>, <c>prediction-changed</c>); models usually leave it out.</summary>
    public Region WithOrigin(string origin)
    {
        ArgumentException.ThrowIfNullOrEmpty(origin);
        return With("origin", origin);
    }

    /// <summary>Sets <c>image_rotation</c>, the rotation of the image in degrees (image builders write 0).</summary>
    public Region WithImageRotation(double degrees) => With("image_rotation", degrees);

    /// <summary>Sets any other region-level key (e.g. <c>is_positive</c>); the value is copied, null writes a JSON null.</summary>
    public Region With(string key, JsonNode? value)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        // A copy, because a node can only have one parent and the caller may keep using theirs.
        json[key] = value?.DeepClone();
        return this;
    }

    /// <summary>The wrapped object itself, for the wire conversion, which copies it.</summary>
    internal JsonObject Json => json;

    private string? ReadString(string key) =>
        json[key] is JsonValue value && value.TryGetValue(out string? text) ? text : null;

    private static Region Create(TagMatch tag, string type, JsonObject value, string? id, ImageSize? image = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(tag.FromName, nameof(tag));
        ArgumentException.ThrowIfNullOrEmpty(tag.ToName, nameof(tag));
        var json = new JsonObject
        {
            ["id"] = id ?? RegionId.Next(),
            ["from_name"] = tag.FromName,
            ["to_name"] = tag.ToName,
            ["type"] = type,
        };
        if (image is { } size)
        {
            // Image regions always carry the size their percentages refer to (SPEC §6.2, §7.3).
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(size.Width, nameof(image));
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(size.Height, nameof(image));
            json["original_width"] = size.Width;
            json["original_height"] = size.Height;
            json["image_rotation"] = 0;
        }

        json["value"] = value;
        return new Region(json);
    }

    /// <summary>Adds the label list of a labeled control (<c>rectanglelabels</c>, …) under the key named after its type.</summary>
    private static JsonObject WithLabelList(JsonObject value, string key, IEnumerable<string>? labels)
    {
        if (labels is not null)
        {
            value[key] = Strings(labels);
        }

        return value;
    }

    private static JsonArray Strings(IEnumerable<string> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var array = new JsonArray();
        foreach (var item in items)
        {
            array.Add(item);
        }

        return array;
    }
}
