using System.Text.RegularExpressions;

namespace LabelStudio.ML.Cli.Support;

/// <summary>
/// Finds the classes of a C# file that derive from <c>LabelStudioModel</c> with a simple parse: comments and strings
/// are blanked, then <c>class Name … : LabelStudioModel</c> is matched (primary constructors and generics allowed).
/// </summary>
internal static partial class ModelClassFinder
{
    /// <summary>The concrete model classes in <paramref name="source"/>, with the file's namespace.</summary>
    public static IReadOnlyList<ModelClass> Find(string source)
    {
        var code = Blank(source);
        var ns = NamespaceDeclaration().Match(code) is { Success: true } match ? match.Groups["name"].Value : null;
        return [.. ModelClassDeclaration().Matches(code)
            .Where(declaration => !declaration.Groups["modifiers"].Value.Contains("abstract", StringComparison.Ordinal))
            .Select(declaration => new ModelClass(ns, declaration.Groups["name"].Value))];
    }

    /// <summary>
    /// Splits <c>FILE[:Class]</c>. A colon is the class separator only when what follows is an identifier, so
    /// that <c>C:\models\Model.cs</c> stays a path.
    /// </summary>
    public static (string File, string? ClassName) SplitSpec(string spec)
    {
        var colon = spec.LastIndexOf(':');
        if (colon > 0 && Identifier().IsMatch(spec[(colon + 1)..]))
        {
            return (spec[..colon], spec[(colon + 1)..]);
        }

        return (spec, null);
    }

    // Comments, strings and chars are replaced by spaces so that a "class X : LabelStudioModel" inside them is not found.
    private static string Blank(string source) => NonCode().Replace(source, match => new string(' ', match.Length));

    [GeneratedRegex(@"//[^\n]*|/\*.*?\*/|@""(?:[^""]|"""")*""|""(?:\\.|[^""\\\n])*""|'(?:\\.|[^'\\\n])+'", RegexOptions.Singleline)]
    private static partial Regex NonCode();

    [GeneratedRegex(@"\bnamespace\s+(?<name>[A-Za-z_][\w.]*)")]
    private static partial Regex NamespaceDeclaration();

    [GeneratedRegex(@"(?<modifiers>(?:\b(?:public|internal|sealed|abstract|partial|file|private|protected)\s+)*)\bclass\s+(?<name>[A-Za-z_]\w*)\s*(?:<[^>{]*>)?\s*(?:\((?:[^()]|\([^()]*\))*\))?\s*:\s*(?:global::)?(?:LabelStudio\.ML\.)?LabelStudioModel\b")]
    private static partial Regex ModelClassDeclaration();

    [GeneratedRegex(@"^[A-Za-z_]\w*$")]
    private static partial Regex Identifier();
}
