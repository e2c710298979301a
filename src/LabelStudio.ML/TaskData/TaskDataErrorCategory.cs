namespace LabelStudio.ML;

/// <summary>Why task data could not be read; each <see cref="TaskDataException"/> carries one.</summary>
public enum TaskDataErrorCategory
{
    /// <summary>The backend lacks a setting the URL needs: <c>LABEL_STUDIO_URL</c> or <c>LABEL_STUDIO_API_KEY</c> unset or malformed.</summary>
    NotConfigured,

    /// <summary>Label Studio refused the credential (401/403), or a personal access token has expired.</summary>
    Unauthorized,

    /// <summary>The file does not exist (404, or a local path that is not there).</summary>
    NotFound,

    /// <summary>The file is larger than <see cref="LabelStudioConnectionOptions.MaxFileSize"/>.</summary>
    TooLarge,

    /// <summary>The download took longer than <see cref="LabelStudioConnectionOptions.Timeout"/>.</summary>
    Timeout,

    /// <summary>
    /// The backend refused to read it for safety: path traversal, a local path outside the allowed folders, a cloud
    /// metadata address, or too many redirects.
    /// </summary>
    Refused,

    /// <summary>The value cannot be resolved as given: a cloud URI without a task id, a malformed <c>data:</c> URI, an unsupported scheme.</summary>
    InvalidInput,

    /// <summary>The server could not be reached or answered with another error (connection refused, TLS failure, 5xx).</summary>
    Unavailable,
}
