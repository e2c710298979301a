using System.Text.RegularExpressions;

namespace LabelStudio.ML;

/// <summary>Model version arithmetic (SPEC §4.5, §13 QUIRK-8).</summary>
internal static partial class ModelVersions
{
    /// <summary>The version a project starts with.</summary>
    public const string Initial = "0.0.1";

    /// <summary>
    /// The next version after <paramref name="current"/>: the minor part of a semantic version goes up
    /// (<c>0.0.1 → 0.1.0</c>, pre-release and build dropped), also when the semantic version ends a longer name
    /// (<c>Model-v0.0.1 → Model-v0.1.0</c>); any other name gets a numeric suffix bumped (<c>my-model → my-model.1 → my-model.2</c>).
    /// </summary>
    public static string Bump(string? current)
    {
        if (string.IsNullOrWhiteSpace(current))
        {
            return Bump(Initial);
        }

        var semantic = TrailingSemanticVersion().Match(current);
        if (semantic.Success)
        {
            var major = semantic.Groups["major"].Value;
            var minor = ulong.Parse(semantic.Groups["minor"].Value, System.Globalization.CultureInfo.InvariantCulture);
            return $"{semantic.Groups["prefix"].Value}{major}.{minor + 1}.0";
        }

        var suffix = NumericSuffix().Match(current);
        if (suffix.Success)
        {
            var number = ulong.Parse(suffix.Groups["number"].Value, System.Globalization.CultureInfo.InvariantCulture);
            return $"{suffix.Groups["name"].Value}.{number + 1}";
        }

        return current + ".1";
    }

    // MAJOR.MINOR.PATCH[-pre][+build] at the end of the string, after an optional name that does not end in a digit or dot.
    [GeneratedRegex(@"^(?<prefix>(?:.*[^0-9.])?)(?<major>0|[1-9][0-9]*)\.(?<minor>0|[1-9][0-9]*)\.(?<patch>0|[1-9][0-9]*)(?:-[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?$", RegexOptions.CultureInvariant)]
    private static partial Regex TrailingSemanticVersion();

    [GeneratedRegex(@"^(?<name>.*)\.(?<number>[0-9]{1,18})$", RegexOptions.CultureInvariant)]
    private static partial Regex NumericSuffix();
}
