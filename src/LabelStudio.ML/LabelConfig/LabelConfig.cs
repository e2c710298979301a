using System.Collections.ObjectModel;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Nodes;
using System.Xml.Linq;

namespace LabelStudio.ML;

/// <summary>
/// A parsed Label Studio label config (the XML that defines the labeling interface): its control tags,
/// object tags and labels, the Python SDK's "parsed label config" dictionary, and the helpers a model uses
/// to find where its predictions go and how its class names map to the project's labels.
/// </summary>
/// <example>
/// <code>
/// var config = LabelConfig.Parse(labelConfigXml);
/// var (fromName, toName, dataKey) = config.FirstTag("RectangleLabels", "Image");
/// var imageUrl = config.GetObject(toName).ResolveText(taskData, taskId);
/// var labelMap = config.BuildLabelMap(fromName, classNames);
/// </code>
/// </example>
public sealed class LabelConfig
{
    private readonly Lazy<JsonObject> _parsedConfig;
    private readonly Dictionary<string, ControlTag> _controlsByName;
    private readonly Dictionary<string, ObjectTag> _objectsByName;

    private LabelConfig(string xml, XElement root)
    {
        Xml = xml;
        (Controls, Objects) = LabelInterfaceBuilder.Build(root);
        _controlsByName = Controls.ToDictionary(control => control.Name, StringComparer.Ordinal);
        _objectsByName = Objects.ToDictionary(tag => tag.Name, StringComparer.Ordinal);
        _parsedConfig = new Lazy<JsonObject>(() => ParsedConfigBuilder.Build(root));
    }

    /// <summary>The label config text this instance was parsed from.</summary>
    public string Xml { get; }

    /// <summary>The control tags (those that produce results), in document order.</summary>
    public IReadOnlyList<ControlTag> Controls { get; }

    /// <summary>The object tags (those that show task data), in document order.</summary>
    public IReadOnlyList<ObjectTag> Objects { get; }

    /// <summary>Parses a label config.</summary>
    /// <param name="xml">The label config XML. Whitespace before the root element is allowed; an XML
    /// declaration must be the very first thing in the text.</param>
    /// <exception cref="LabelConfigException">The text is not well-formed XML (the message names the problem,
    /// its line and position), or is empty.</exception>
    public static LabelConfig Parse(string xml)
    {
        ArgumentNullException.ThrowIfNull(xml);
        return new LabelConfig(xml, LabelConfigXml.LoadRoot(xml));
    }

    /// <summary>
    /// Returns the "parsed label config" of the Python SDK (SPEC §5.1) for <paramref name="xml"/>: one entry per
    /// control tag, in document order, with <c>type</c>, <c>to_name</c>, optional <c>regex</c>,
    /// <c>conditionals</c> and <c>dynamic_labels</c>, then <c>inputs</c>, <c>labels</c> and <c>labels_attrs</c>.
    /// </summary>
    /// <returns>An empty object for a null or empty <paramref name="xml"/>; otherwise a new object the caller may change.</returns>
    /// <exception cref="LabelConfigException">The text is not well-formed XML.</exception>
    public static JsonObject ParseConfig(string? xml) =>
        string.IsNullOrEmpty(xml) ? [] : Parse(xml).ToParsedConfig();

    /// <summary>Returns the "parsed label config" (SPEC §5.1) of this config, as <see cref="ParseConfig"/> does.</summary>
    /// <returns>A new copy on every call (built once), so callers may change it freely.</returns>
    public JsonObject ToParsedConfig() => (JsonObject)_parsedConfig.Value.DeepClone();

    /// <summary>Returns the control tag named <paramref name="name"/>, or the only control tag when no name is given.</summary>
    /// <exception cref="LabelConfigException">No control has that name; or, without a name, the config has no
    /// control tag or several.</exception>
    public ControlTag GetControl(string? name = null) => Find(_controlsByName, Controls, "control", name);

    /// <summary>Returns the object tag named <paramref name="name"/>, or the only object tag when no name is given.</summary>
    /// <exception cref="LabelConfigException">No object has that name; or, without a name, the config has no
    /// object tag or several.</exception>
    public ObjectTag GetObject(string? name = null) => Find(_objectsByName, Objects, "object", name);

    /// <summary>Looks up the control tag named <paramref name="name"/>.</summary>
    /// <returns>Whether the config has such a control.</returns>
    public bool TryGetControl(string name, [NotNullWhen(true)] out ControlTag? control) =>
        _controlsByName.TryGetValue(name, out control);

    /// <summary>Looks up the object tag named <paramref name="name"/>.</summary>
    /// <returns>Whether the config has such an object.</returns>
    public bool TryGetObject(string name, [NotNullWhen(true)] out ObjectTag? objectTag) =>
        _objectsByName.TryGetValue(name, out objectTag);

    /// <summary>
    /// Finds the first control of type <paramref name="controlType"/> (in document order) bound to an object of
    /// type <paramref name="objectType"/> and returns the control's name, the object's name and the task data key
    /// the object shows (SPEC §5.4, <c>get_first_tag_occurence</c>). Tag names compare case-insensitively.
    /// </summary>
    /// <param name="controlType">A control tag name, e.g. <c>RectangleLabels</c>.</param>
    /// <param name="objectType">An object tag name, e.g. <c>Image</c>.</param>
    /// <param name="nameFilter">When given, a control qualifies only if this accepts its lower-cased name.</param>
    /// <param name="toNameFilter">When given, an object qualifies only if this accepts its lower-cased name.</param>
    /// <exception cref="LabelConfigException">No such pair exists.</exception>
    public TagMatch FirstTag(
        string controlType,
        string objectType,
        Func<string, bool>? nameFilter = null,
        Func<string, bool>? toNameFilter = null) =>
        FirstTag([controlType], [objectType], nameFilter, toNameFilter);

    /// <summary>
    /// Like <see cref="FirstTag(string, string, Func{string, bool}?, Func{string, bool}?)"/>, with any of several
    /// control and object types accepted; the first qualifying control in document order wins.
    /// </summary>
    /// <exception cref="LabelConfigException">No such pair exists.</exception>
    public TagMatch FirstTag(
        IEnumerable<string> controlTypes,
        IEnumerable<string> objectTypes,
        Func<string, bool>? nameFilter = null,
        Func<string, bool>? toNameFilter = null)
    {
        ArgumentNullException.ThrowIfNull(controlTypes);
        ArgumentNullException.ThrowIfNull(objectTypes);
        var controls = controlTypes.ToList();
        var objects = objectTypes.ToList();
        return TryFirstTag(controls, objects, nameFilter, toNameFilter, out var match)
            ? match
            : throw new LabelConfigException(
                $"No control tag of type {string.Join(" or ", controls)} and object tag of type {string.Join(" or ", objects)} found in label config");
    }

    /// <summary>
    /// Like <see cref="FirstTag(string, string, Func{string, bool}?, Func{string, bool}?)"/> without filters,
    /// reporting a missing pair by returning <see langword="false"/>.
    /// </summary>
    public bool TryFirstTag(string controlType, string objectType, out TagMatch match) =>
        TryFirstTag([controlType], [objectType], null, null, out match);

    /// <summary>
    /// Like <see cref="FirstTag(IEnumerable{string}, IEnumerable{string}, Func{string, bool}?, Func{string, bool}?)"/>,
    /// reporting a missing pair by returning <see langword="false"/>.
    /// </summary>
    public bool TryFirstTag(
        IEnumerable<string> controlTypes,
        IEnumerable<string> objectTypes,
        Func<string, bool>? nameFilter,
        Func<string, bool>? toNameFilter,
        out TagMatch match)
    {
        ArgumentNullException.ThrowIfNull(controlTypes);
        ArgumentNullException.ThrowIfNull(objectTypes);
        var wantedControls = new HashSet<string>(controlTypes, StringComparer.OrdinalIgnoreCase);
        var wantedObjects = new HashSet<string>(objectTypes, StringComparer.OrdinalIgnoreCase);
        foreach (var control in Controls)
        {
            if (!wantedControls.Contains(control.Tag)
                || (nameFilter is not null && !nameFilter(control.Name.ToLowerInvariant())))
            {
                continue;
            }

            var target = control.Objects.FirstOrDefault(candidate =>
                wantedObjects.Contains(candidate.Tag)
                && (toNameFilter is null || toNameFilter(candidate.Name.ToLowerInvariant())));
            if (target is not null)
            {
                match = new TagMatch(control.Name, target.Name, target.ValueName);
                return true;
            }
        }

        match = default;
        return false;
    }

    /// <summary>
    /// Maps the model's class names to the labels of control <paramref name="controlName"/> (SPEC §5.5,
    /// <c>build_label_map</c>), for turning model output into labels Label Studio accepts.
    /// </summary>
    /// <remarks>
    /// For each label, in order: the items of its <c>predicted_values</c> attribute that are model names map to
    /// it; if none is, the label maps to itself when it is a model name; failing that, when a model name equals
    /// it ignoring case, the entry is keyed by the <em>lower-cased label</em> — not the model's spelling — as the
    /// Python SDK does (SPEC QUIRK-11), so a model name <c>CAR</c> yields the key <c>car</c>. Use
    /// <see cref="BuildLabelMapByModelName"/> for a map that is keyed by the model's own spelling. Model names
    /// that match nothing are absent.
    /// </remarks>
    /// <returns>Model class name → label (alias or value), in label order.</returns>
    /// <exception cref="LabelConfigException">There is no control named <paramref name="controlName"/>.</exception>
    public IReadOnlyDictionary<string, string> BuildLabelMap(string controlName, IEnumerable<string> modelNames) =>
        LabelMap(controlName, modelNames, keyByModelSpelling: false);

    /// <summary>
    /// Like <see cref="BuildLabelMap"/>, except that a case-insensitive match is keyed by the model's own
    /// spelling (<c>CAR</c> → <c>Car</c>), so every key is one of <paramref name="modelNames"/>.
    /// </summary>
    /// <returns>Model class name → label (alias or value), in label order.</returns>
    /// <exception cref="LabelConfigException">There is no control named <paramref name="controlName"/>.</exception>
    public IReadOnlyDictionary<string, string> BuildLabelMapByModelName(string controlName, IEnumerable<string> modelNames) =>
        LabelMap(controlName, modelNames, keyByModelSpelling: true);

    private ReadOnlyDictionary<string, string> LabelMap(string controlName, IEnumerable<string> modelNames, bool keyByModelSpelling)
    {
        ArgumentNullException.ThrowIfNull(controlName);
        ArgumentNullException.ThrowIfNull(modelNames);
        var control = GetControl(controlName);
        var names = modelNames.Distinct(StringComparer.Ordinal).ToList();
        var exactNames = names.ToHashSet(StringComparer.Ordinal);

        var map = new OrderedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (label, labelTag) in control.LabelTags)
        {
            var predicted = labelTag.PredictedValues.Where(exactNames.Contains).ToList();
            foreach (var modelName in predicted)
            {
                map[modelName] = label;
            }

            if (predicted.Count > 0)
            {
                continue;
            }

            if (exactNames.Contains(label))
            {
                map[label] = label;
                continue;
            }

            var lowerLabel = label.ToLowerInvariant();
            var caseInsensitiveMatches = names.Where(name => name.ToLowerInvariant() == lowerLabel).ToList();
            if (keyByModelSpelling)
            {
                foreach (var modelName in caseInsensitiveMatches)
                {
                    map[modelName] = label;
                }
            }
            else if (caseInsensitiveMatches.Count > 0)
            {
                map[lowerLabel] = label;
            }
        }

        return new ReadOnlyDictionary<string, string>(map);
    }

    /// <summary>The tag called <paramref name="name"/>; without a name, the only one there is.</summary>
    private static T Find<T>(Dictionary<string, T> byName, IReadOnlyList<T> all, string kind, string? name)
        where T : class
    {
        if (name is not null)
        {
            return byName.TryGetValue(name, out var found)
                ? found
                : throw new LabelConfigException(
                    $"Label config has no {kind} tag named '{name}'; its {kind} tags are: {KnownNames(byName)}");
        }

        return all.Count switch
        {
            1 => all[0],
            0 => throw new LabelConfigException($"Label config has no {kind} tag"),
            _ => throw new LabelConfigException(
                $"Label config has {all.Count} {kind} tags ({KnownNames(byName)}); name the one you need"),
        };
    }

    private static string KnownNames<T>(Dictionary<string, T> byName) =>
        byName.Count == 0 ? "(none)" : string.Join(", ", byName.Keys.Select(known => $"'{known}'"));
}
