namespace LabelStudio.ML;

/// <summary>A decoded <c>data:</c> URI (RFC 2397): its media type and bytes.</summary>
internal sealed record DataUri(string MediaType, byte[] Bytes)
{
    /// <summary>A file extension for the media type, so that a cached file opens with the right program.</summary>
    public string Extension => MediaType.ToUpperInvariant() switch
    {
        "TEXT/PLAIN" => ".txt",
        "TEXT/HTML" => ".html",
        "APPLICATION/JSON" => ".json",
        "IMAGE/PNG" => ".png",
        "IMAGE/JPEG" => ".jpg",
        "IMAGE/GIF" => ".gif",
        "IMAGE/WEBP" => ".webp",
        "AUDIO/WAV" or "AUDIO/X-WAV" => ".wav",
        "AUDIO/MPEG" => ".mp3",
        _ => ".bin",
    };

    /// <summary>Decodes <paramref name="uri"/>.</summary>
    /// <exception cref="TaskDataException"><see cref="TaskDataErrorCategory.InvalidInput"/>: not a well-formed data URI.</exception>
    public static DataUri Parse(string uri)
    {
        var comma = uri.IndexOf(',', StringComparison.Ordinal);
        if (!uri.StartsWith("data:", StringComparison.OrdinalIgnoreCase) || comma < 0)
        {
            throw Malformed(uri, "it has no ',' before the data");
        }

        var parameters = uri[5..comma].Split(';');
        var isBase64 = parameters.Length > 1 && parameters[^1].Equals("base64", StringComparison.OrdinalIgnoreCase);
        var mediaType = parameters[0].Length > 0 ? parameters[0] : "text/plain";
        var payload = uri[(comma + 1)..];
        try
        {
            var bytes = isBase64
                ? Convert.FromBase64String(Uri.UnescapeDataString(payload))
                : System.Text.Encoding.UTF8.GetBytes(Uri.UnescapeDataString(payload));
            return new DataUri(mediaType, bytes);
        }
        catch (FormatException ex)
        {
            throw Malformed(uri, $"its base64 data is invalid ({ex.Message})");
        }
    }

    private static TaskDataException Malformed(string uri, string why) => new(
        TaskDataErrorCategory.InvalidInput,
        $"'{UrlRedaction.Redact(uri)}' is not a valid data: URI because {why}: write it as data:<media type>;base64,<data>.",
        uri);
}
