using System.Globalization;
using System.Text.Json.Nodes;

namespace LabelStudio.ML;

// Builders for spans of text, paragraphs and HTML (SPEC §6.3).
public sealed partial class Region
{
    /// <summary>
    /// A <c>labels</c> span of <paramref name="text"/> given in C# string indices (UTF-16 code units, as
    /// <see cref="string.IndexOf(string)"/> and regex matches report them). The span is written in the code-point
    /// offsets Label Studio expects (see <see cref="TextOffsets"/>), with the covered substring as <c>text</c>.
    /// </summary>
    /// <exception cref="ArgumentException">The span does not lie on character boundaries of <paramref name="text"/>.</exception>
    public static Region Span(TagMatch tag, string text, int utf16Start, int utf16Length, IEnumerable<string> labels, string? id = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfNegative(utf16Length);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(utf16Start, text.Length - utf16Length);
        var start = TextOffsets.ToCodePointIndex(text, utf16Start);
        var end = TextOffsets.ToCodePointIndex(text, utf16Start + utf16Length);
        return SpanRegion(tag, start, end, text.Substring(utf16Start, utf16Length), labels, id);
    }

    /// <summary>
    /// A <c>labels</c> span of <paramref name="text"/> given in code-point offsets (<paramref name="end"/> exclusive),
    /// e.g. from a tokenizer that counts like Python; the covered substring is written as <c>text</c>.
    /// </summary>
    public static Region SpanFromCodePoints(TagMatch tag, string text, int start, int end, IEnumerable<string> labels, string? id = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(start, end);
        var utf16Start = TextOffsets.ToUtf16Index(text, start);
        var utf16End = TextOffsets.ToUtf16Index(text, end);
        return SpanRegion(tag, start, end, text[utf16Start..utf16End], labels, id);
    }

    /// <summary>
    /// A <c>paragraphlabels</c> region from character <paramref name="startOffset"/> of paragraph
    /// <paramref name="startParagraph"/> to <paramref name="endOffset"/> of <paramref name="endParagraph"/>;
    /// paragraph indices are written as strings, as Label Studio does.
    /// </summary>
    public static Region ParagraphLabels(
        TagMatch tag, int startParagraph, int startOffset, int endParagraph, int endOffset, string? text, IEnumerable<string> labels, string? id = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(startParagraph);
        ArgumentOutOfRangeException.ThrowIfNegative(endParagraph);
        return DocumentRange(
            tag,
            "paragraphlabels",
            startParagraph.ToString(CultureInfo.InvariantCulture),
            startOffset,
            endParagraph.ToString(CultureInfo.InvariantCulture),
            endOffset,
            null,
            text,
            labels,
            id);
    }

    /// <summary>
    /// A <c>hypertextlabels</c> region from <paramref name="startOffset"/> in the text node at XPath
    /// <paramref name="startXPath"/> to <paramref name="endOffset"/> in the node at <paramref name="endXPath"/>;
    /// <paramref name="globalOffsets"/>, the same range in the flattened text, is written when given.
    /// </summary>
    public static Region HyperTextLabels(
        TagMatch tag,
        string startXPath,
        int startOffset,
        string endXPath,
        int endOffset,
        string? text,
        IEnumerable<string> labels,
        (int Start, int End)? globalOffsets = null,
        string? id = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(startXPath);
        ArgumentException.ThrowIfNullOrEmpty(endXPath);
        return DocumentRange(tag, "hypertextlabels", startXPath, startOffset, endXPath, endOffset, globalOffsets, text, labels, id);
    }

    private static Region SpanRegion(TagMatch tag, int start, int end, string covered, IEnumerable<string> labels, string? id)
    {
        var value = new JsonObject { ["start"] = start, ["end"] = end, ["text"] = covered, ["labels"] = Strings(labels) };
        return Create(tag, "labels", value, id);
    }

    private static Region DocumentRange(
        TagMatch tag,
        string type,
        string start,
        int startOffset,
        string end,
        int endOffset,
        (int Start, int End)? globalOffsets,
        string? text,
        IEnumerable<string> labels,
        string? id)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(startOffset);
        ArgumentOutOfRangeException.ThrowIfNegative(endOffset);
        var value = new JsonObject { ["start"] = start, ["end"] = end, ["startOffset"] = startOffset, ["endOffset"] = endOffset };
        if (globalOffsets is { } offsets)
        {
            value["globalOffsets"] = new JsonObject { ["start"] = offsets.Start, ["end"] = offsets.End };
        }

        if (text is not null)
        {
            value["text"] = text;
        }

        value[type] = Strings(labels);
        return Create(tag, type, value, id);
    }
}
