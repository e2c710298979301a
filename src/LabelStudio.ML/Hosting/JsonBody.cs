using System.Buffers;
using System.IO.Compression;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace LabelStudio.ML;

/// <summary>Reads a request's JSON object body and writes JSON answers, with a 4xx that says what is wrong.</summary>
internal static class JsonBody
{
    // Deep enough for any label config or annotation; shallow enough that a hostile body cannot exhaust the stack.
    private const int MaxDepth = 256;
    // Answers are JSON for programs, never embedded in HTML: keep quotes and non-ASCII text readable.
    private static readonly JsonWriterOptions WriterOptions = new() { Indented = false, SkipValidation = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Reads the body as a JSON object.</summary>
    /// <exception cref="AnswerException">415 for another media type; 400 for an empty body, invalid JSON or a non-object.</exception>
    public static async Task<JsonObject> ReadObjectAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!IsJson(request.ContentType))
        {
            var actual = string.IsNullOrEmpty(request.ContentType) ? "none" : $"'{request.ContentType}'";
            throw new AnswerException(StatusCodes.Status415UnsupportedMediaType,
                $"Content-Type must be application/json, got {actual}.");
        }

        try
        {
            return await StreamingJsonObjectReader.ReadAsync(request.BodyReader, MaxDepth, cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException ex)
        {
            throw new AnswerException(StatusCodes.Status400BadRequest, DescribeInvalidJson(ex), ex);
        }
        catch (StreamingJsonObjectReader.NotAnObjectException ex)
        {
            var kind = ex.Token switch
            {
                JsonTokenType.Null => "null",
                JsonTokenType.StartArray => "an array",
                JsonTokenType.String => "a string",
                JsonTokenType.Number => "a number",
                _ => "a boolean",
            };
            throw new AnswerException(StatusCodes.Status400BadRequest, $"The request body must be a JSON object, got {kind}.");
        }
    }

    /// <summary>
    /// Writes <paramref name="body"/> as compact JSON with <paramref name="statusCode"/> and a <c>Content-Length</c>;
    /// gzip-compressed when the client accepts it and the body is large enough to gain from it (brush masks and big
    /// batches; Label Studio sends <c>Accept-Encoding: gzip, deflate</c>).
    /// </summary>
    public static async Task WriteAsync(HttpResponse response, int statusCode, JsonNode body, CancellationToken cancellationToken)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            body.WriteTo(writer);
        }

        response.StatusCode = statusCode;
        response.ContentType = "application/json";
        var bytes = buffer.WrittenMemory;
        if (bytes.Length >= CompressionThreshold && AcceptsGzip(response.HttpContext.Request))
        {
            bytes = Gzip(bytes.Span);
            response.Headers.ContentEncoding = "gzip";
            response.Headers.Vary = "Accept-Encoding";
        }

        response.ContentLength = bytes.Length;
        await response.Body.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A short name of a JSON value's kind for messages: object, array, string, number, true, false, null.</summary>
    public static string DescribeKind(JsonNode? node) => node?.GetValueKind() switch
    {
        null or JsonValueKind.Null => "null",
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "an unknown value",
    };

    // Below this, compressing costs more time than the bytes saved on a local network.
    private const int CompressionThreshold = 8 * 1024;

    private static bool AcceptsGzip(HttpRequest request)
    {
        foreach (var value in request.Headers.AcceptEncoding)
        {
            if (value is not null && value.Contains("gzip", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static byte[] Gzip(ReadOnlySpan<byte> bytes)
    {
        using var output = new MemoryStream(bytes.Length / 4);
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(bytes);
        }

        return output.ToArray();
    }

    private static bool IsJson(string? contentType)
    {
        if (!MediaTypeHeaderValue.TryParse(contentType, out var mediaType))
        {
            return false;
        }

        var type = mediaType.MediaType.Value ?? string.Empty;
        return type.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || (type.StartsWith("application/", StringComparison.OrdinalIgnoreCase) && type.EndsWith("+json", StringComparison.OrdinalIgnoreCase));
    }

    private static string DescribeInvalidJson(JsonException ex)
    {
        var message = ex.Message;
        // The reader appends "Path: … | LineNumber: … | BytePositionInLine: …"; the position is given in our own words.
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        if (cut > 0)
        {
            message = message[..cut];
        }

        if (ex.BytePositionInLine is null && ex.LineNumber is null)
        {
            return $"The request body is not valid JSON: {message}";
        }

        return $"The request body is not valid JSON (line {(ex.LineNumber ?? 0) + 1}, byte {ex.BytePositionInLine ?? 0}): {message}";
    }
}
