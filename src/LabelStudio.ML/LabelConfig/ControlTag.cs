using System.Collections.ObjectModel;

namespace LabelStudio.ML;

/// <summary>
/// A control tag of the label config: an element that produces results (<c>Choices</c>, <c>Labels</c>,
/// <c>RectangleLabels</c>, <c>TextArea</c>, …), recognised by a non-empty <c>name</c> and <c>toName</c>.
/// </summary>
public sealed class ControlTag
{
    internal ControlTag(
        string name,
        string tag,
        IReadOnlyList<string> toNames,
        IReadOnlyDictionary<string, string> attributes,
        IReadOnlyList<ObjectTag> objects,
        ReadOnlyDictionary<string, LabelTag> labelTags)
    {
        Name = name;
        Tag = tag;
        ToNames = toNames;
        Attributes = attributes;
        Objects = objects;
        LabelTags = labelTags;
        Labels = [.. labelTags.Keys];
        var value = attributes.GetValueOrDefault("value");
        IsDynamic = (value is not null && value.StartsWith('$')) || !string.IsNullOrEmpty(attributes.GetValueOrDefault("apiUrl"));
        PerRegion = attributes.GetValueOrDefault("perRegion") == "true";
    }

    /// <summary>The <c>name</c> attribute: the <c>from_name</c> of the results this control produces.</summary>
    public string Name { get; }

    /// <summary>The tag name as written, e.g. <c>RectangleLabels</c>.</summary>
    public string Tag { get; }

    /// <summary>The result <c>type</c> of this control: <see cref="Tag"/> lower-cased, e.g. <c>rectanglelabels</c>.</summary>
    public string ResultType => Tag.ToLowerInvariant();

    /// <summary>The object names of the <c>toName</c> attribute, split on <c>,</c> without trimming, as written.</summary>
    public IReadOnlyList<string> ToNames { get; }

    /// <summary>The object tags named in <see cref="ToNames"/> that exist in the config, in <see cref="ToNames"/> order.</summary>
    public IReadOnlyList<ObjectTag> Objects { get; }

    /// <summary>All attributes of the element as written, in document order.</summary>
    public IReadOnlyDictionary<string, string> Attributes { get; }

    /// <summary>The label keys (alias, else value) of the control's label tags, in document order.</summary>
    public IReadOnlyList<string> Labels { get; }

    /// <summary>The control's label tags by key (alias, else value), in document order.</summary>
    public IReadOnlyDictionary<string, LabelTag> LabelTags { get; }

    /// <summary>
    /// Whether the labels come from task data (<c>value</c> starts with <c>$</c>) or from an API
    /// (<c>apiUrl</c> is set) rather than only from the config.
    /// </summary>
    public bool IsDynamic { get; }

    /// <summary>Whether the control answers per region (<c>perRegion="true"</c>) rather than per task.</summary>
    public bool PerRegion { get; }

    /// <summary>
    /// Pairs this control with one of its objects: the first of <see cref="Objects"/>, or the one named
    /// <paramref name="objectName"/>.
    /// </summary>
    /// <exception cref="LabelConfigException">The control has no object tag, or none of that name.</exception>
    public TagMatch Match(string? objectName = null)
    {
        var target = objectName is null
            ? Objects.FirstOrDefault()
            : Objects.FirstOrDefault(candidate => candidate.Name == objectName);
        if (target is null)
        {
            var wanted = objectName is null ? "any object tag" : $"an object tag named '{objectName}'";
            throw new LabelConfigException(
                $"Control tag '{Name}' (toName=\"{string.Join(',', ToNames)}\") is not bound to {wanted} in the label config");
        }

        return new TagMatch(Name, target.Name, target.ValueName);
    }
}
