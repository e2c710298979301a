using System.Security.Cryptography;

namespace LabelStudio.ML;

/// <summary>Makes the short random ids regions carry when the model does not choose one.</summary>
internal static class RegionId
{
    // URL-safe so ids can appear in links and CSS selectors of the labeling UI unescaped.
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";

    /// <summary>Length of generated ids: the frontend's own ids have 10 characters.</summary>
    public const int Length = 10;

    /// <summary>Returns a new random id of <see cref="Length"/> URL-safe characters.</summary>
    public static string Next() => new(RandomNumberGenerator.GetItems<char>(Alphabet, Length));
}
