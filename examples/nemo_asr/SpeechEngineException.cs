namespace NemoAsr;

/// <summary>The configured engine cannot run: a model file is missing or unreadable. The message names the setting and the fix.</summary>
public sealed class SpeechEngineException : Exception
{
    /// <summary>Creates the exception with a message that names the setting and the fix.</summary>
    public SpeechEngineException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception, keeping the engine's own error.</summary>
    public SpeechEngineException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with a generic message.</summary>
    public SpeechEngineException()
        : base("The speech recognition engine cannot run.")
    {
    }
}
