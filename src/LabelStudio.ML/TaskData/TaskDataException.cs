namespace LabelStudio.ML;

/// <summary>
/// Task data could not be read. The message names the URL (credentials removed) and the fix; through
/// <c>/predict</c> it becomes a 500 envelope whose detail is <c>TaskDataException: &lt;message&gt;</c>.
/// </summary>
public sealed class TaskDataException : Exception
{
    /// <summary>Creates an exception of <paramref name="category"/> about <paramref name="url"/>.</summary>
    public TaskDataException(TaskDataErrorCategory category, string message, string? url = null, int? statusCode = null, Exception? innerException = null)
        : base(message, innerException)
    {
        Category = category;
        Url = url is null ? null : UrlRedaction.Redact(url);
        StatusCode = statusCode;
    }

    /// <summary>Why it failed.</summary>
    public TaskDataErrorCategory Category { get; }

    /// <summary>The URL or path that failed, with any user info and credential-like query values removed.</summary>
    public string? Url { get; }

    /// <summary>The HTTP status the server answered, when it answered with an error.</summary>
    public int? StatusCode { get; }
}
