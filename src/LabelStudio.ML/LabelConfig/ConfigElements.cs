using System.Collections.ObjectModel;
using System.Xml.Linq;

namespace LabelStudio.ML;

/// <summary>
/// The classification rules shared by the parsed-config walk (SPEC §5.1) and the label interface walk
/// (SPEC §5.3). Both decide by attributes alone, never by a list of known tag names, so that tags added to
/// Label Studio later are understood without a change here.
/// </summary>
internal static class ConfigElements
{
    /// <summary>The tag names whose elements are label tags when they sit inside a control.</summary>
    private static readonly HashSet<string> LabelTagNames = new(StringComparer.Ordinal) { "Label", "Choice", "Relation" };

    /// <summary>The tag name as written; namespaced names read like <c>{uri}local</c>, as lxml shows them.</summary>
    public static string TagName(XElement element) => element.Name.ToString();

    /// <summary>The attribute's value, or <see langword="null"/> when the element does not have it.</summary>
    public static string? Attribute(XElement element, string name) => element.Attribute(name)?.Value;

    /// <summary>Whether the attribute is present with a non-empty value (a Python truthiness test upstream).</summary>
    public static bool HasValue(XElement element, string name) => !string.IsNullOrEmpty(Attribute(element, name));

    /// <summary>The value of the first of <paramref name="names"/> the element has with a non-empty value.</summary>
    public static string? FirstNonEmpty(XElement element, params ReadOnlySpan<string> names)
    {
        foreach (var name in names)
        {
            if (Attribute(element, name) is { Length: > 0 } value)
            {
                return value;
            }
        }

        return null;
    }

    /// <summary>
    /// A control has a non-empty <c>name</c> and <c>toName</c>; <c>Filter</c> has both but only filters the
    /// choices shown, so it is not one.
    /// </summary>
    public static bool IsControl(XElement element) =>
        HasValue(element, "name") && HasValue(element, "toName") && TagName(element) != "Filter";

    /// <summary>An object (data display) has a non-empty <c>name</c> and a non-empty <c>value</c> or <c>valueList</c>.</summary>
    public static bool IsObjectCandidate(XElement element) =>
        HasValue(element, "name") && (HasValue(element, "value") || HasValue(element, "valueList"));

    /// <summary>Whether the element is a <c>Label</c>, <c>Choice</c> or <c>Relation</c> (exact case).</summary>
    public static bool IsLabel(XElement element) => LabelTagNames.Contains(TagName(element));

    /// <summary>
    /// The <c>name</c> of the nearest ancestor that is a known control, or <see langword="null"/>. Labels
    /// may sit in layout <c>View</c>s or in other labels (Taxonomy), so the search goes all the way up.
    /// </summary>
    public static string? NearestControlAncestor(XElement element, Func<string, bool> isKnownControl)
    {
        foreach (var ancestor in element.Ancestors())
        {
            var name = Attribute(ancestor, "name");
            if (name is not null && isKnownControl(name))
            {
                return name;
            }
        }

        return null;
    }

    /// <summary>
    /// The element's attributes in document order, without namespace declarations (lxml does not list
    /// those as attributes either).
    /// </summary>
    public static ReadOnlyDictionary<string, string> Attributes(XElement element)
    {
        var attributes = new OrderedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var attribute in element.Attributes())
        {
            if (!attribute.IsNamespaceDeclaration)
            {
                attributes[attribute.Name.ToString()] = attribute.Value;
            }
        }

        return new ReadOnlyDictionary<string, string>(attributes);
    }
}
