namespace LabelStudio.ML;

/// <summary>
/// Thrown when a label config cannot be parsed, or when code asks it for something it does not hold
/// (an unknown control name, a control/object pairing that is not there).
/// </summary>
/// <remarks>
/// The message is written for the person who edits the labeling interface in Label Studio: it names the
/// problem and, for XML errors, the line and position. A parse failure keeps the
/// <see cref="System.Xml.XmlException"/> as <see cref="Exception.InnerException"/>.
/// </remarks>
public sealed class LabelConfigException : Exception
{
    /// <summary>Creates an exception with a default message.</summary>
    public LabelConfigException()
        : base("The label config is invalid.")
    {
    }

    /// <summary>Creates an exception with <paramref name="message"/>.</summary>
    public LabelConfigException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with <paramref name="message"/>, keeping the exception that caused it.</summary>
    public LabelConfigException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
