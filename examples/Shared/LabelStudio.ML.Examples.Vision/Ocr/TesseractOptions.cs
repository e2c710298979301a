using Microsoft.Extensions.Configuration;

namespace LabelStudio.ML.Examples.Vision.Ocr;

/// <summary>
/// Where Tesseract's trained language data live and which languages to read, from the environment:
/// <c>TESSDATA_PREFIX</c> (Tesseract's own variable; Debian installs the data under
/// <c>/usr/share/tesseract-ocr/5/tessdata</c>) and <c>TESSERACT_LANG</c> (Tesseract language codes joined by
/// <c>+</c>, e.g. <c>chi_sim+eng+deu</c>; default <c>eng</c>).
/// </summary>
public sealed class TesseractOptions
{
    /// <summary>Debian's tessdata folder for Tesseract 5.</summary>
    public const string DebianDataPath = "/usr/share/tesseract-ocr/5/tessdata";

    /// <summary>The folder holding the <c>&lt;language&gt;.traineddata</c> files.</summary>
    public string DataPath { get; set; } = DebianDataPath;

    /// <summary>The languages, as Tesseract's <c>-l</c> option takes them (<c>eng</c>, <c>chi_sim+eng+deu</c>, …).</summary>
    public string Languages { get; set; } = "eng";

    /// <summary>Reads the options from the environment, falling back to the defaults.</summary>
    /// <returns>The options.</returns>
    public static TesseractOptions FromEnvironment() => From(Environment.GetEnvironmentVariable);

    /// <summary>Reads the options from <paramref name="configuration"/> (which holds the environment in an ASP.NET Core host), falling back to the defaults.</summary>
    /// <returns>The options.</returns>
    public static TesseractOptions FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return From(name => configuration[name]);
    }

    private static TesseractOptions From(Func<string, string?> setting)
    {
        var options = new TesseractOptions();
        if (setting("TESSDATA_PREFIX") is { Length: > 0 } dataPath)
        {
            options.DataPath = dataPath;
        }

        if (setting("TESSERACT_LANG") is { Length: > 0 } languages)
        {
            options.Languages = languages.Trim();
        }

        return options;
    }

    /// <summary>
    /// Checks that every language has its <c>.traineddata</c> file, so a missing language pack is reported by name at
    /// startup rather than as a failed recognition later.
    /// </summary>
    /// <exception cref="InvalidOperationException">A language's file is missing; the message names the file and the Debian package.</exception>
    public void Validate()
    {
        var languages = Languages.Split('+', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (languages.Length == 0)
        {
            throw new InvalidOperationException("TESSERACT_LANG names no language; give Tesseract language codes joined by '+', e.g. eng or chi_sim+eng+deu.");
        }

        foreach (var language in languages)
        {
            var file = Path.Combine(DataPath, language + ".traineddata");
            if (!File.Exists(file))
            {
                throw new InvalidOperationException(
                    $"Tesseract's data for language '{language}' is missing: {file} does not exist. Install Debian's "
                    + $"tesseract-ocr-{language.Replace('_', '-').ToLowerInvariant()} package, or set TESSDATA_PREFIX to the folder that holds {language}.traineddata.");
            }
        }
    }
}
