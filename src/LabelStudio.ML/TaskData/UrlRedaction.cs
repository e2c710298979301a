using System.Text.RegularExpressions;

namespace LabelStudio.ML;

/// <summary>Removes credentials from URLs before they go into messages or logs.</summary>
internal static partial class UrlRedaction
{
    /// <summary>
    /// Drops <c>user:password@</c> and masks query values whose names look like credentials (presigned cloud URLs
    /// carry <c>X-Amz-Signature</c>, <c>sig</c>, <c>token</c>, …). Long URLs (a <c>data:</c> URI) are shortened.
    /// </summary>
    public static string Redact(string url)
    {
        var text = UserInfo().Replace(url, "$1");
        text = SecretQueryValue().Replace(text, "$1=***");
        return text.Length > 200 ? string.Concat(text.AsSpan(0, 200), "…") : text;
    }

    [GeneratedRegex(@"^([a-zA-Z][a-zA-Z0-9+.-]*://)[^/@?#]*@")]
    private static partial Regex UserInfo();

    [GeneratedRegex(@"([?&](?:[^=&]*(?:signature|sig|token|key|credential|password|secret|auth)[^=&]*))=[^&#]*", RegexOptions.IgnoreCase)]
    private static partial Regex SecretQueryValue();
}
