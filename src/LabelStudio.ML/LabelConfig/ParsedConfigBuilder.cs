using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace LabelStudio.ML;

/// <summary>
/// Builds the "parsed label config" of SPEC §5.1: the dictionary Label Studio stores as
/// <c>parsed_label_config</c> and that models written against the Python SDK read. The output must match
/// the upstream function key for key (including key order inside each control), so this follows the
/// specified walk step by step rather than reusing the richer <see cref="ControlTag"/> model, whose rules
/// differ in small ways (label keys, dynamic detection).
/// </summary>
internal static partial class ParsedConfigBuilder
{
    /// <summary>Builds the parsed config for the tree under <paramref name="root"/>.</summary>
    public static JsonObject Build(XElement root)
    {
        var walk = new Walk();
        foreach (var element in root.DescendantsAndSelf())
        {
            walk.Visit(element);
        }

        return walk.ToJson();
    }

    /// <summary>A control value of the form <c>$name</c> means the choices come from task data.</summary>
    [GeneratedRegex(@"^\$[A-Za-z_]+$", RegexOptions.CultureInvariant)]
    private static partial Regex DynamicLabelsValue();

    /// <summary>What §5.1 keeps about a control while walking, before inputs and labels are known.</summary>
    private sealed record ControlInfo(string Type, string[] ToNames, JsonObject? Regex, JsonObject? Conditionals, bool DynamicLabels);

    /// <summary>What §5.1 keeps about an object: its <c>inputs</c> entry.</summary>
    private sealed record InputInfo(string Type, string? ValueType, string ValueKey, string Value);

    /// <summary>The state of one document-order walk; <see cref="ToJson"/> is called once, at its end.</summary>
    private sealed class Walk
    {
        private readonly List<string> _variables = [];
        private readonly OrderedDictionary<string, ControlInfo> _outputs = new(StringComparer.Ordinal);
        private readonly Dictionary<string, InputInfo> _inputs = new(StringComparer.Ordinal);
        private readonly Dictionary<string, OrderedDictionary<string, IReadOnlyDictionary<string, string>>> _labels =
            new(StringComparer.Ordinal);

        public void Visit(XElement element)
        {
            if (ConfigElements.Attribute(element, "indexFlag") is { } indexFlag)
            {
                _variables.Add(indexFlag);
            }

            if (ConfigElements.IsControl(element))
            {
                // The indexer keeps the first position of a repeated name, as a Python dict does.
                _outputs[ConfigElements.Attribute(element, "name")!] = ReadControl(element);
            }
            else if (ConfigElements.IsObjectCandidate(element))
            {
                _inputs[ConfigElements.Attribute(element, "name")!] = ReadInput(element);
            }

            if (ConfigElements.IsLabel(element))
            {
                AddLabel(element);
            }
        }

        public JsonObject ToJson()
        {
            var config = new JsonObject();
            foreach (var (name, info) in _outputs)
            {
                config[name] = ControlJson(name, info);
            }

            return config;
        }

        private ControlInfo ReadControl(XElement element)
        {
            var toNames = ConfigElements.Attribute(element, "toName")!.Split(',');

            JsonObject? regex = null;
            foreach (var variable in _variables)
            {
                if (toNames.Any(toName => toName.Contains(variable, StringComparison.Ordinal)))
                {
                    regex ??= [];
                    regex[variable] = ".*";
                }
            }

            var value = ConfigElements.Attribute(element, "value");
            var dynamicLabels = (value is not null && DynamicLabelsValue().IsMatch(value))
                || ConfigElements.HasValue(element, "apiUrl");

            return new ControlInfo(ConfigElements.TagName(element), toNames, regex, Conditionals(element), dynamicLabels);
        }

        /// <summary>Per-region controls may be shown only for regions of one tag, label or choice.</summary>
        private static JsonObject? Conditionals(XElement element)
        {
            if (ConfigElements.Attribute(element, "perRegion") != "true")
            {
                return null;
            }

            (string Attribute, string Type)[] conditions =
                [("whenTagName", "tag"), ("whenLabelValue", "label"), ("whenChoiceValue", "choice")];
            foreach (var (attribute, type) in conditions)
            {
                if (ConfigElements.HasValue(element, attribute))
                {
                    return new JsonObject { ["type"] = type, ["name"] = ConfigElements.Attribute(element, attribute) };
                }
            }

            return null;
        }

        private static InputInfo ReadInput(XElement element)
        {
            var valueKey = element.Attribute("value") is not null ? "value" : "valueList";
            var value = ConfigElements.Attribute(element, valueKey)!.TrimStart('$');
            return new InputInfo(ConfigElements.TagName(element), ConfigElements.Attribute(element, "valueType"), valueKey, value);
        }

        private void AddLabel(XElement element)
        {
            var control = ConfigElements.NearestControlAncestor(element, _outputs.ContainsKey);
            if (control is null)
            {
                return;
            }

            var key = ConfigElements.FirstNonEmpty(element, "alias", "value", "valueList");
            if (key is null)
            {
                return;
            }

            if (!_labels.TryGetValue(control, out var labels))
            {
                labels = new OrderedDictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);
                _labels[control] = labels;
            }

            labels[key] = ConfigElements.Attributes(element);
        }

        /// <summary>Key order: type, to_name, [regex], [conditionals], [dynamic_labels], inputs, labels, labels_attrs.</summary>
        private JsonObject ControlJson(string name, ControlInfo info)
        {
            var json = new JsonObject
            {
                ["type"] = info.Type,
                ["to_name"] = new JsonArray([.. info.ToNames.Select(toName => JsonValue.Create(toName))]),
            };
            if (info.Regex is not null)
            {
                json["regex"] = info.Regex;
            }

            if (info.Conditionals is not null)
            {
                json["conditionals"] = info.Conditionals;
            }

            if (info.DynamicLabels)
            {
                json["dynamic_labels"] = true;
            }

            var inputs = new JsonArray();
            foreach (var toName in info.ToNames)
            {
                if (_inputs.TryGetValue(toName, out var input))
                {
                    inputs.Add(new JsonObject
                    {
                        ["type"] = input.Type,
                        ["valueType"] = input.ValueType,
                        [input.ValueKey] = input.Value,
                    });
                }
            }

            json["inputs"] = inputs;

            var labels = _labels.GetValueOrDefault(name) ?? [];
            json["labels"] = new JsonArray([.. labels.Keys.Select(label => JsonValue.Create(label))]);
            var labelsAttrs = new JsonObject();
            foreach (var (label, attributes) in labels)
            {
                labelsAttrs[label] = new JsonObject(attributes.Select(attribute =>
                    KeyValuePair.Create(attribute.Key, (JsonNode?)JsonValue.Create(attribute.Value))));
            }

            json["labels_attrs"] = labelsAttrs;
            return json;
        }
    }
}
