using System.Text;

namespace LabelStudio.ML.Cli.Support;

/// <summary>
/// A name Cloud Run and Kubernetes accept, made from a backend's folder name: lower case, <c>_</c> → <c>-</c>,
/// starting with a letter, at most 49 characters (Cloud Run's limit), no trailing hyphen.
/// </summary>
internal static class ServiceName
{
    public static string From(string name)
    {
        var text = new StringBuilder();
        foreach (var c in name.ToLowerInvariant())
        {
            text.Append(c is (>= 'a' and <= 'z') or (>= '0' and <= '9') ? c : '-');
        }

        var result = text.ToString().Trim('-');
        if (result.Length == 0 || !char.IsAsciiLetterLower(result[0]))
        {
            result = "ml-" + result;
        }

        result = result.Length > 49 ? result[..49] : result;
        return result.TrimEnd('-');
    }

    /// <summary>The name of the backend in <paramref name="directory"/>, from the folder's name.</summary>
    public static string FromDirectory(string directory) =>
        From(new DirectoryInfo(Path.GetFullPath(directory)).Name);
}
