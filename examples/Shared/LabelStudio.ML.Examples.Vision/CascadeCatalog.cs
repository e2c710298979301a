using System.Collections.Frozen;

namespace LabelStudio.ML.Examples.Vision;

/// <summary>
/// OpenCV's pre-trained Haar and LBP cascades (Debian <c>opencv-data</c>) under short names, and the words of a text
/// prompt that choose one ("face", "person", "cat", "licence plate", …). This is what the image examples detect with
/// when no user model is configured.
/// </summary>
public static class CascadeCatalog
{
    /// <summary>Short cascade name → file, relative to <see cref="VisionOptions.CascadesDirectory"/>.</summary>
    public static FrozenDictionary<string, string> Files { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["face"] = "haarcascades/haarcascade_frontalface_default.xml",
        ["profile_face"] = "haarcascades/haarcascade_profileface.xml",
        ["eye"] = "haarcascades/haarcascade_eye.xml",
        ["smile"] = "haarcascades/haarcascade_smile.xml",
        ["full_body"] = "haarcascades/haarcascade_fullbody.xml",
        ["upper_body"] = "haarcascades/haarcascade_upperbody.xml",
        ["lower_body"] = "haarcascades/haarcascade_lowerbody.xml",
        ["cat_face"] = "haarcascades/haarcascade_frontalcatface_extended.xml",
        ["licence_plate"] = "haarcascades/haarcascade_russian_plate_number.xml",
        ["silverware"] = "lbpcascades/lbpcascade_silverware.xml",
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    // Prompt words → cascade, longest phrases first so "upper body" wins over "body".
    private static readonly (string Phrase, string Cascade)[] PromptWords =
    [
        ("profile face", "profile_face"), ("side face", "profile_face"), ("cat face", "cat_face"),
        ("upper body", "upper_body"), ("lower body", "lower_body"), ("full body", "full_body"),
        ("licence plate", "licence_plate"), ("license plate", "licence_plate"), ("number plate", "licence_plate"),
        ("face", "face"), ("head", "face"), ("eye", "eye"), ("smile", "smile"), ("mouth", "smile"),
        ("person", "full_body"), ("people", "full_body"), ("pedestrian", "full_body"), ("human", "full_body"), ("body", "full_body"),
        ("man", "full_body"), ("woman", "full_body"), ("torso", "upper_body"), ("shoulder", "upper_body"), ("leg", "lower_body"),
        ("cat", "cat_face"), ("kitten", "cat_face"), ("plate", "licence_plate"), ("car", "licence_plate"),
        ("fork", "silverware"), ("spoon", "silverware"), ("knife", "silverware"), ("cutlery", "silverware"), ("silverware", "silverware"),
    ];

    /// <summary>
    /// The cascades a text prompt asks for, one per prompt part (parts split at commas, periods and "and"), each with
    /// the part of the prompt that chose it; parts that name nothing known are left out.
    /// </summary>
    /// <returns>(prompt part, cascade name) pairs, without repeats of a cascade.</returns>
    public static IReadOnlyList<(string Phrase, string Cascade)> Match(string prompt)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        var found = new List<(string, string)>();
        foreach (var part in prompt.Split([",", ".", ";", " and ", "\n"], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var words = " " + string.Join(' ', part.ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries)) + " ";
            foreach (var (phrase, cascade) in PromptWords)
            {
                // Whole words, allowing a plural "s".
                if ((words.Contains(" " + phrase + " ", StringComparison.Ordinal) || words.Contains(" " + phrase + "s ", StringComparison.Ordinal))
                    && !found.Exists(f => f.Item2 == cascade))
                {
                    found.Add((part, cascade));
                    break;
                }
            }
        }

        return found;
    }
}
