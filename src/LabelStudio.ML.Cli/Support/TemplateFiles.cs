using System.Reflection;

namespace LabelStudio.ML.Cli.Support;

/// <summary>
/// The template's files, embedded in the tool from <c>src/LabelStudio.ML.Templates</c>, rendered the way
/// <c>dotnet new labelstudio-ml</c> renders them: the source name <c>my_ml_backend</c> replaced by the backend name
/// in paths and contents, and the package version token by the tool's own version.
/// </summary>
internal static class TemplateFiles
{
    public const string SourceName = "my_ml_backend";
    public const string VersionToken = "LABELSTUDIO_ML_VERSION";
    private const string TemplatePrefix = "template/";
    private const string ResourcePrefix = "resources/";

    /// <summary>The version of the SDK packages a new project references: the tool's own version.</summary>
    public static string SdkVersion
    {
        get
        {
            var version = typeof(TemplateFiles).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.1.0";
            // The build appends "+<commit>"; package versions have no build metadata.
            var plus = version.IndexOf('+', StringComparison.Ordinal);
            return plus < 0 ? version : version[..plus];
        }
    }

    /// <summary>Every template file as (relative path, content), rendered for <paramref name="name"/>.</summary>
    public static IReadOnlyList<(string Path, string Content)> Render(string name)
    {
        var assembly = typeof(TemplateFiles).Assembly;
        return [.. assembly.GetManifestResourceNames()
            .Where(resource => resource.StartsWith(TemplatePrefix, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(resource => (
                resource[TemplatePrefix.Length..].Replace(SourceName, name, StringComparison.Ordinal),
                RenderText(Read(assembly, resource), name)))];
    }

    /// <summary>A file of the tool's own resources, rendered for <paramref name="name"/>.</summary>
    public static string Resource(string fileName, string name) =>
        RenderText(Read(typeof(TemplateFiles).Assembly, ResourcePrefix + fileName), name);

    private static string RenderText(string text, string name) =>
        text.Replace(SourceName, name, StringComparison.Ordinal).Replace(VersionToken, SdkVersion, StringComparison.Ordinal);

    private static string Read(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"The tool lacks its resource '{resource}'.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
