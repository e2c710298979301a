using System.Text.Json.Nodes;

namespace LabelStudio.ML;

// Builders for classification and form-like controls (SPEC §6.3): the value holds one key named after the type.
public sealed partial class Region
{
    /// <summary>A <c>choices</c> result with one selected choice.</summary>
    public static Region Choices(TagMatch tag, string choice, string? id = null) => Choices(tag, [choice], id);

    /// <summary>A <c>choices</c> result with the selected choice values (aliases where the config defines them).</summary>
    public static Region Choices(TagMatch tag, IEnumerable<string> choices, string? id = null) =>
        Create(tag, "choices", new JsonObject { ["choices"] = Strings(choices) }, id);

    /// <summary>A <c>textarea</c> result with one text.</summary>
    public static Region TextArea(TagMatch tag, string text, string? id = null) => TextArea(tag, [text], id);

    /// <summary>A <c>textarea</c> result with several texts (each one a submitted entry).</summary>
    public static Region TextArea(TagMatch tag, IEnumerable<string> texts, string? id = null) =>
        Create(tag, "textarea", new JsonObject { ["text"] = Strings(texts) }, id);

    /// <summary>A <c>number</c> result.</summary>
    public static Region Number(TagMatch tag, double number, string? id = null) =>
        Create(tag, "number", new JsonObject { ["number"] = number }, id);

    /// <summary>A <c>rating</c> result: 0 to the tag's <c>maxRating</c> (default 5).</summary>
    public static Region Rating(TagMatch tag, int rating, string? id = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rating);
        return Create(tag, "rating", new JsonObject { ["rating"] = rating }, id);
    }

    /// <summary>A <c>taxonomy</c> result: each path lists the node values from the root to a selected node.</summary>
    public static Region Taxonomy(TagMatch tag, IEnumerable<IEnumerable<string>> paths, string? id = null)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var array = new JsonArray();
        foreach (var path in paths)
        {
            array.Add(Strings(path));
        }

        return Create(tag, "taxonomy", new JsonObject { ["taxonomy"] = array }, id);
    }

    /// <summary>
    /// A <c>datetime</c> result. The text must already follow the tag's <c>only</c>/<c>format</c>
    /// attributes (e.g. <c>2024-04-08T14:21</c>, or <c>2024-04-08</c> for <c>only="date"</c>).
    /// </summary>
    public static Region DateTime(TagMatch tag, string value, string? id = null)
    {
        ArgumentNullException.ThrowIfNull(value);
        return Create(tag, "datetime", new JsonObject { ["datetime"] = value }, id);
    }
}
