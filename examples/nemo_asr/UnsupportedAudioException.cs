namespace NemoAsr;

/// <summary>The bytes are not audio the backend can decode; the message says what was found.</summary>
public sealed class UnsupportedAudioException : Exception
{
    /// <summary>Creates the exception with a message that says what was found.</summary>
    public UnsupportedAudioException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception, keeping the decoder's own error.</summary>
    public UnsupportedAudioException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with a generic message.</summary>
    public UnsupportedAudioException()
        : base("unsupported audio format")
    {
    }
}
