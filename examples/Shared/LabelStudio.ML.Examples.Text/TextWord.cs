namespace LabelStudio.ML.Examples.Text;

/// <summary>A word of a text: where it starts and how long it is, in UTF-16 code units of the C# string.</summary>
public readonly record struct TextWord(int Start, int Length)
{
    /// <summary>The UTF-16 index just past the word.</summary>
    public int End => Start + Length;
}
