using System.Collections.ObjectModel;
using System.Xml.Linq;

namespace LabelStudio.ML;

/// <summary>
/// Builds the typed view of a label config (SPEC §5.3): control, object and label tags in document order.
/// </summary>
internal sealed class LabelInterfaceBuilder
{
    /// <summary>
    /// Tags that show data and also produce results about it (a chat transcript, custom React code), so they
    /// are both an object and a control bound to themselves.
    /// </summary>
    private static readonly HashSet<string> SelfBoundTags = new(StringComparer.Ordinal) { "Chat", "ReactCode" };

    private readonly OrderedDictionary<string, ControlDraft> _controls = new(StringComparer.Ordinal);
    private readonly OrderedDictionary<string, ObjectTag> _objects = new(StringComparer.Ordinal);
    private readonly Dictionary<string, OrderedDictionary<string, LabelTag>> _labels = new(StringComparer.Ordinal);

    private LabelInterfaceBuilder()
    {
    }

    /// <summary>The controls and objects of the tree under <paramref name="root"/>, in document order.</summary>
    public static (IReadOnlyList<ControlTag> Controls, IReadOnlyList<ObjectTag> Objects) Build(XElement root)
    {
        var builder = new LabelInterfaceBuilder();
        foreach (var element in root.DescendantsAndSelf())
        {
            builder.Visit(element);
        }

        // Objects are bound only now because a control may name an object that comes after it.
        IReadOnlyList<ObjectTag> objects = [.. builder._objects.Values];
        IReadOnlyList<ControlTag> controls = [.. builder._controls.Values.Select(builder.Complete)];
        return (controls, objects);
    }

    /// <summary>A control as read during the walk, before its objects are known.</summary>
    private sealed record ControlDraft(string Name, string Tag, string[] ToNames, IReadOnlyDictionary<string, string> Attributes);

    private void Visit(XElement element)
    {
        var tag = ConfigElements.TagName(element);
        var name = ConfigElements.Attribute(element, "name");
        if (SelfBoundTags.Contains(tag) && !string.IsNullOrEmpty(name))
        {
            var attributes = ConfigElements.Attributes(element);
            _objects[name] = new ObjectTag(name, tag, ValueAttribute(element), attributes);
            _controls[name] = new ControlDraft(name, tag, [name], attributes);
        }
        else if (ConfigElements.IsControl(element))
        {
            // Repeated names replace the earlier tag but keep its position, like the parsed config.
            _controls[name!] = new ControlDraft(
                name!, tag, ConfigElements.Attribute(element, "toName")!.Split(','), ConfigElements.Attributes(element));
        }
        else if (ConfigElements.IsObjectCandidate(element))
        {
            _objects[name!] = new ObjectTag(name!, tag, ValueAttribute(element), ConfigElements.Attributes(element));
        }

        if (ConfigElements.IsLabel(element))
        {
            AddLabel(element);
        }
    }

    /// <summary>An object reads its data from <c>valueList</c> when that is set, else from <c>value</c>.</summary>
    private static string ValueAttribute(XElement element) =>
        ConfigElements.HasValue(element, "valueList") ? "valueList" : "value";

    private void AddLabel(XElement element)
    {
        var control = ConfigElements.NearestControlAncestor(element, _controls.ContainsKey);
        // Unlike the parsed config (§5.1), the label interface has no valueList fallback for the key.
        var key = ConfigElements.FirstNonEmpty(element, "alias", "value");
        if (control is null || key is null)
        {
            return;
        }

        if (!_labels.TryGetValue(control, out var labels))
        {
            labels = new OrderedDictionary<string, LabelTag>(StringComparer.Ordinal);
            _labels[control] = labels;
        }

        labels[key] = new LabelTag(key, ConfigElements.Attributes(element));
    }

    private ControlTag Complete(ControlDraft draft)
    {
        IReadOnlyList<ObjectTag> objects = [.. draft.ToNames.Where(_objects.ContainsKey).Select(toName => _objects[toName])];
        var labels = _labels.GetValueOrDefault(draft.Name) ?? new OrderedDictionary<string, LabelTag>(StringComparer.Ordinal);
        return new ControlTag(draft.Name, draft.Tag, Array.AsReadOnly(draft.ToNames), draft.Attributes, objects, new ReadOnlyDictionary<string, LabelTag>(labels));
    }
}
