namespace LabelStudio.ML.Examples.Llm;

/// <summary>A provider answered with an error status (after the retries); carries the status and the provider's own message.</summary>
public sealed class ProviderException : Exception
{
    /// <summary>Creates the exception for an error answer.</summary>
    public ProviderException(int status, string message, TimeSpan? retryAfter = null)
        : base(message)
    {
        Status = status;
        RetryAfter = retryAfter;
    }

    /// <summary>Creates the exception without a status.</summary>
    public ProviderException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception without details.</summary>
    public ProviderException()
    {
    }

    /// <summary>Creates the exception with a message only.</summary>
    public ProviderException(string message)
        : base(message)
    {
    }

    /// <summary>The HTTP status the provider answered (0: no answer).</summary>
    public int Status { get; }

    /// <summary>The provider's <c>Retry-After</c>, when it sent one.</summary>
    public TimeSpan? RetryAfter { get; }
}
