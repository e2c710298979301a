using System.Xml;
using System.Xml.Linq;

namespace LabelStudio.ML;

/// <summary>Reads label config text into an XML tree, turning XML errors into <see cref="LabelConfigException"/>.</summary>
internal static class LabelConfigXml
{
    /// <summary>
    /// Comments and processing instructions carry nothing the walks use (Label Studio keeps example task data
    /// in a trailing comment). DTDs are refused: a label config never needs one and entity expansion from
    /// text that comes over the network is a denial-of-service risk.
    /// </summary>
    private static readonly XmlReaderSettings ReaderSettings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        IgnoreWhitespace = true,
    };

    /// <summary>
    /// Parses <paramref name="xml"/>. Whitespace before the root element is allowed; an XML declaration
    /// anywhere but at the very first character is an error, as in the XML standard.
    /// </summary>
    /// <exception cref="LabelConfigException">The text is not well-formed XML.</exception>
    public static XElement LoadRoot(string xml)
    {
        try
        {
            using var text = new StringReader(xml);
            using var reader = XmlReader.Create(text, ReaderSettings);
            var document = XDocument.Load(reader);
            // Load fails on a missing root, so Root is set here; the check keeps the compiler honest.
            return document.Root ?? throw new LabelConfigException("Label config has no root element.");
        }
        catch (XmlException exception)
        {
            throw new LabelConfigException($"Label config is not well-formed XML: {exception.Message}", exception);
        }
    }
}
