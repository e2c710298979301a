using System.Text;
using System.Text.RegularExpressions;

namespace LabelStudio.ML;

/// <summary>
/// Folder names from project ids and model versions. Both come from the network (a project uid is whatever precedes
/// the first dot), so they are never used as paths unchecked.
/// </summary>
internal static partial class SafeFileNames
{
    /// <summary>The folder of a project: its id when it is plain (<c>7</c>), else a hex form that cannot traverse.</summary>
    public static string ForProject(string projectId) => projectId.Length == 0
        ? "_no_project"
        : PlainName().IsMatch(projectId) ? projectId : "p-" + Convert.ToHexStringLower(Encoding.UTF8.GetBytes(projectId));

    /// <summary>The folder of a model version: the version when it is plain (<c>0.1.0</c>, <c>Model-v2</c>), else a hex form.</summary>
    public static string ForVersion(string version) =>
        PlainName().IsMatch(version) && !version.StartsWith('.') ? version : "v-" + Convert.ToHexStringLower(Encoding.UTF8.GetBytes(version));

    [GeneratedRegex("^[A-Za-z0-9_.+-]{1,100}$", RegexOptions.CultureInvariant)]
    private static partial Regex PlainName();
}
