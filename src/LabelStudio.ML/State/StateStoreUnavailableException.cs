using Microsoft.AspNetCore.Http;

namespace LabelStudio.ML;

/// <summary>
/// Thrown by a shared <see cref="IStateStore"/> (or training queue) that cannot reach its server: the request is
/// answered 503 with <c>Retry-After</c> and this message, and succeeds again once the server is back.
/// </summary>
public sealed class StateStoreUnavailableException : AnswerException
{
    /// <summary>How long a client is told to wait before it tries again.</summary>
    public static readonly TimeSpan DefaultRetryAfter = TimeSpan.FromSeconds(5);

    /// <summary>Creates the exception with a message that names the store and the cause.</summary>
    public StateStoreUnavailableException(string message, Exception innerException)
        : base(StatusCodes.Status503ServiceUnavailable, message, innerException)
    {
        RetryAfter = DefaultRetryAfter;
    }
}
