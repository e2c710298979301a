namespace LabelStudio.ML;

/// <summary>
/// Thrown when a predict response holds NaN or an infinity: JSON cannot carry them and Label Studio could not
/// read the reply (SPEC §13, QUIRK-14). The request fails with the field named instead of sending invalid JSON.
/// </summary>
public sealed class NonFiniteNumberException : InvalidOperationException
{
    /// <summary>Creates the exception for the number at <paramref name="path"/>.</summary>
    /// <param name="path">Where the number is in the <c>results</c> array, e.g. <c>[0].result[1].value.x</c>.</param>
    /// <param name="message">The message naming the field.</param>
    internal NonFiniteNumberException(string path, string message)
        : base(message) => Path = path;

    /// <summary>Where the number is in the <c>results</c> array, e.g. <c>[0].result[1].value.x</c>.</summary>
    public string Path { get; }
}
