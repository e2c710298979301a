namespace LabelStudio.ML;

/// <summary>
/// Thrown by model code (or the SDK) to answer a request with a chosen HTTP status and a readable
/// <c>detail</c> in the JSON error envelope, instead of the generic 500 an unexpected exception gets.
/// </summary>
/// <remarks>
/// Use a 4xx status for problems with what Label Studio sent (a task without the data key the label config
/// names, a label the model cannot handle) so that the labeling team sees what to fix.
/// </remarks>
public class AnswerException : Exception
{
    /// <summary>Creates an exception answered with <paramref name="statusCode"/> and <paramref name="message"/> as detail.</summary>
    public AnswerException(int statusCode, string message)
        : base(message)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(statusCode, 400);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(statusCode, 599);
        StatusCode = statusCode;
    }

    /// <summary>Creates an exception answered with <paramref name="statusCode"/>, keeping the exception that caused it.</summary>
    public AnswerException(int statusCode, string message, Exception innerException)
        : base(message, innerException)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(statusCode, 400);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(statusCode, 599);
        StatusCode = statusCode;
    }

    /// <summary>The HTTP status of the answer (400–599).</summary>
    public int StatusCode { get; }

    /// <summary>When set, the answer carries <c>Retry-After</c> (whole seconds, at least 1): the client may try again then.</summary>
    public TimeSpan? RetryAfter { get; init; }
}
