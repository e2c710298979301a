using System.Globalization;
using System.Text.RegularExpressions;

namespace LabelStudio.ML.Examples.Vision;

/// <summary>
/// The class names of a user's model: from its ONNX metadata <c>names</c> (Ultralytics writes a Python dict,
/// <c>{0: 'person', 1: 'bicycle'}</c>) or from a names file beside it.
/// </summary>
public static partial class ClassNames
{
    /// <summary>
    /// Parses a names text: a Python or JSON dict of index → name, a list (<c>['a', 'b']</c>), or one name per line.
    /// </summary>
    /// <returns>The names by class index.</returns>
    /// <exception cref="InvalidDataException">A dict does not number its classes 0…n-1.</exception>
    public static IReadOnlyList<string> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        if (trimmed.StartsWith('{'))
        {
            var entries = DictEntry().Matches(trimmed);
            var names = new string?[entries.Count];
            foreach (Match entry in entries)
            {
                var index = int.Parse(entry.Groups["key"].Value, NumberStyles.Integer, CultureInfo.InvariantCulture);
                if (index < 0 || index >= names.Length || names[index] is not null)
                {
                    throw new InvalidDataException($"The class names {Shorten(trimmed)} must number the classes 0…{names.Length - 1} once each.");
                }

                names[index] = Unescape(entry.Groups["value"].Value);
            }

            return names.Contains(null) || names.Length == 0
                ? throw new InvalidDataException($"The class names {Shorten(trimmed)} are not a dict of index → name.")
                : [.. names!];
        }

        if (trimmed.StartsWith('['))
        {
            return [.. ListItem().Matches(trimmed).Select(item => Unescape(item.Groups["value"].Value))];
        }

        return [.. trimmed.Split('\n').Select(line => line.Trim()).Where(line => line.Length > 0)];
    }

    /// <summary>
    /// The names of <paramref name="model"/>: the file <paramref name="namesFile"/> when given, else the metadata
    /// <c>names</c>, else a file beside the model with the extension <c>.names</c> or <c>.txt</c>.
    /// </summary>
    /// <returns>The names by class index.</returns>
    /// <exception cref="InvalidDataException">No names are found.</exception>
    public static IReadOnlyList<string> For(OnnxImageModel model, string? namesFile = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (!string.IsNullOrEmpty(namesFile))
        {
            return File.Exists(namesFile)
                ? Parse(File.ReadAllText(namesFile))
                : throw new InvalidDataException($"The class names file {namesFile} does not exist.");
        }

        if (model.Metadata.TryGetValue("names", out var names))
        {
            return Parse(names);
        }

        foreach (var extension in new[] { ".names", ".txt" })
        {
            var beside = Path.ChangeExtension(model.Path, extension);
            if (File.Exists(beside))
            {
                return Parse(File.ReadAllText(beside));
            }
        }

        throw new InvalidDataException(
            $"The ONNX model {model.Path} names no classes: it has no 'names' metadata (Ultralytics exports write it) and there is no " +
            $"{Path.GetFileName(Path.ChangeExtension(model.Path, ".names"))} beside it (one class name per line).");
    }

    private static string Unescape(string value) => value.Replace("\\'", "'", StringComparison.Ordinal).Replace("\\\"", "\"", StringComparison.Ordinal);

    private static string Shorten(string text) => text.Length > 80 ? text[..80] + "…" : text;

    [GeneratedRegex("""(?<key>-?\d+)\s*['"]?\s*:\s*(?:'(?<value>(?:[^'\\]|\\.)*)'|"(?<value>(?:[^"\\]|\\.)*)")""")]
    private static partial Regex DictEntry();

    [GeneratedRegex(""""'(?<value>(?:[^'\\]|\\.)*)'|"(?<value>(?:[^"\\]|\\.)*)"""")]
    private static partial Regex ListItem();
}
