using System.Text.RegularExpressions;

namespace LabelStudio.ML.Cli.Support;

/// <summary>Checks a backend name: it becomes the folder, the project, the assembly and the C# namespace.</summary>
internal static partial class ProjectName
{
    public static string Validate(string name)
    {
        if (!ValidName().IsMatch(name))
        {
            throw new CliException(
                $"'{name}' is not a valid backend name: use letters, digits and underscores, starting with a letter (it becomes the project name and the C# namespace), e.g. my_ml_backend.");
        }

        return name;
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_]{0,63}$")]
    private static partial Regex ValidName();
}
