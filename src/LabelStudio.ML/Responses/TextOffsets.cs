namespace LabelStudio.ML;

/// <summary>
/// Converts between C# string indices (UTF-16 code units) and the Unicode code-point offsets Label Studio
/// uses for text spans (Python string indices, SPEC §6.3).
/// </summary>
/// <remarks>
/// The two differ as soon as the text holds a character outside the Basic Multilingual Plane (most
/// emoji, rare CJK ideographs), which C# stores as two code units. Sending UTF-16 offsets makes the
/// labeling UI highlight the wrong characters after such a character. An unpaired surrogate counts as
/// one code point, as it does in Python.
/// </remarks>
public static class TextOffsets
{
    /// <summary>Returns how many code points <paramref name="text"/> holds (Python's <c>len</c>).</summary>
    public static int CodePointLength(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return ToCodePointIndex(text, text.Length);
    }

    /// <summary>Converts a UTF-16 index of <paramref name="text"/> (0 to its length) into a code-point index.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The index is outside the text.</exception>
    /// <exception cref="ArgumentException">The index falls between the two halves of a surrogate pair.</exception>
    public static int ToCodePointIndex(string text, int utf16Index)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfNegative(utf16Index);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(utf16Index, text.Length);
        var codePoints = 0;
        var position = 0;
        while (position < utf16Index)
        {
            position += CodeUnitsAt(text, position);
            codePoints++;
        }

        if (position != utf16Index)
        {
            throw new ArgumentException($"UTF-16 index {utf16Index} splits a surrogate pair; it is not a character boundary.", nameof(utf16Index));
        }

        return codePoints;
    }

    /// <summary>Converts a code-point index of <paramref name="text"/> (0 to its code-point length) into a UTF-16 index.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The index is outside the text.</exception>
    public static int ToUtf16Index(string text, int codePointIndex)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfNegative(codePointIndex);
        var position = 0;
        for (var codePoints = 0; codePoints < codePointIndex; codePoints++)
        {
            if (position >= text.Length)
            {
                throw new ArgumentOutOfRangeException(nameof(codePointIndex), codePointIndex, $"The text holds only {codePoints} code points.");
            }

            position += CodeUnitsAt(text, position);
        }

        return position;
    }

    private static int CodeUnitsAt(string text, int position) =>
        char.IsHighSurrogate(text[position]) && position + 1 < text.Length && char.IsLowSurrogate(text[position + 1]) ? 2 : 1;
}
