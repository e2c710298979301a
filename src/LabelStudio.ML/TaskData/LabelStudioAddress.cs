namespace LabelStudio.ML;

/// <summary>Label Studio's base URL from <c>LABEL_STUDIO_URL</c>: validation, joining paths, and "is this Label Studio?".</summary>
internal static class LabelStudioAddress
{
    /// <summary>The base URL when set and well-formed; otherwise <see langword="null"/>.</summary>
    public static Uri? TryGet(LabelStudioConnectionOptions options) =>
        options.Url is { Length: > 0 } text
        && (text.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || text.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        && Uri.TryCreate(text, UriKind.Absolute, out var uri)
            ? uri
            : null;

    /// <summary>The base URL and the credential, or an error that names what is missing and why it is needed.</summary>
    /// <param name="options">The connection settings.</param>
    /// <param name="need">What the task refers to, e.g. <c>an upload on Label Studio</c>.</param>
    /// <param name="url">The task data value, for the message.</param>
    /// <exception cref="TaskDataException"><see cref="TaskDataErrorCategory.NotConfigured"/>.</exception>
    public static Uri Require(LabelStudioConnectionOptions options, string need, string url)
    {
        if (string.IsNullOrWhiteSpace(options.Url))
        {
            throw new TaskDataException(
                TaskDataErrorCategory.NotConfigured,
                $"LABEL_STUDIO_URL is not set: the task refers to {need} ({UrlRedaction.Redact(url)}). " +
                "Set LABEL_STUDIO_URL to Label Studio's address as this backend reaches it, e.g. http://192.168.1.10:8080.",
                url);
        }

        var baseUri = TryGet(options) ?? throw new TaskDataException(
            TaskDataErrorCategory.NotConfigured,
            $"Invalid hostname in LABEL_STUDIO_URL: {UrlRedaction.Redact(options.Url)}. Please provide full URL starting with protocol (http:// or https://), " +
            $"e.g. http://192.168.1.10:8080; it is needed for {need} ({UrlRedaction.Redact(url)}).",
            url);
        if (string.IsNullOrWhiteSpace(options.ApiKey))
        {
            throw new TaskDataException(
                TaskDataErrorCategory.NotConfigured,
                $"LABEL_STUDIO_API_KEY is not set: Label Studio needs a token to serve {need} ({UrlRedaction.Redact(url)}). " +
                "To access uploaded and local storage files you have to set LABEL_STUDIO_API_KEY: copy a token from Label Studio " +
                "(Account & Settings → Personal Access Token, or Legacy Token).",
                url);
        }

        return baseUri;
    }

    /// <summary>Joins the base URL and a path with exactly one <c>/</c> (SPEC §8.2); the path's query is kept unescaped.</summary>
    public static string Join(Uri baseUri, string path) => $"{baseUri.OriginalString.TrimEnd('/')}/{path.TrimStart('/')}";

    /// <summary>Whether <paramref name="url"/> has the scheme, host and port of Label Studio: only such URLs get the credential.</summary>
    public static bool IsSameOrigin(Uri? baseUri, Uri url) =>
        baseUri is not null
        && string.Equals(baseUri.Scheme, url.Scheme, StringComparison.OrdinalIgnoreCase)
        && string.Equals(baseUri.IdnHost, url.IdnHost, StringComparison.OrdinalIgnoreCase)
        && baseUri.Port == url.Port;
}
