using System.Buffers;
using System.IO.Pipelines;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace LabelStudio.ML;

/// <summary>
/// Reads a request body that is one JSON object while it arrives: each top-level value, and each element of a
/// top-level array (the <c>tasks</c> of a <c>/predict</c> batch), becomes a node as soon as its bytes are in, and
/// those bytes are released. The body is never held whole, so a 100-task batch of large documents costs the tree it
/// becomes and one element's bytes, instead of the whole body buffered again beside the tree.
/// </summary>
/// <remarks>
/// The result is the same <see cref="JsonObject"/> that <see cref="JsonNode.Parse(string, JsonNodeOptions?, JsonDocumentOptions)"/>
/// gives for the same bytes; invalid JSON raises the same <see cref="JsonException"/>, with line and byte positions
/// counted from the start of the body.
/// </remarks>
internal sealed class StreamingJsonObjectReader
{
    private readonly JsonReaderOptions _options;
    private JsonReaderState _state;
    private Stage _stage = Stage.BeforeObject;
    private string? _property;
    private JsonArray? _array;
    private readonly JsonObject _result = new();

    private StreamingJsonObjectReader(int maxDepth)
    {
        _options = new JsonReaderOptions { MaxDepth = maxDepth, CommentHandling = JsonCommentHandling.Disallow };
        _state = new JsonReaderState(_options);
    }

    private enum Stage
    {
        BeforeObject,
        InObject,
        BeforeValue,
        InArray,
        AfterObject,
    }

    /// <summary>Reads <paramref name="body"/> to its end as one JSON object.</summary>
    /// <returns>The object.</returns>
    /// <exception cref="JsonException">The body is not valid JSON.</exception>
    /// <exception cref="NotAnObjectException">The body is valid JSON but not an object.</exception>
    public static async Task<JsonObject> ReadAsync(PipeReader body, int maxDepth, CancellationToken cancellationToken)
    {
        var reader = new StreamingJsonObjectReader(maxDepth);
        while (true)
        {
            var read = await body.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = read.Buffer;
            long consumed;
            try
            {
                consumed = reader.Consume(buffer, read.IsCompleted);
            }
            catch
            {
                // The read must be ended even when the body is bad: Kestrel drains the rest of it after the answer,
                // and a pipe left in the middle of a read would abort the connection instead of sending the 400.
                body.AdvanceTo(buffer.Start, buffer.End);
                throw;
            }

            // The buffer's segments go back to the pipe with AdvanceTo: measure it before.
            var allConsumed = consumed == buffer.Length;
            body.AdvanceTo(buffer.GetPosition(consumed), buffer.End);
            if (read.IsCompleted)
            {
                return reader.Finish(allConsumed);
            }
        }
    }

    private JsonObject Finish(bool allConsumed) =>
        // The reader throws for a body that ends inside a value; this covers a body that ends between tokens.
        _stage == Stage.AfterObject && allConsumed ? _result : throw new JsonException("The request body ends before its JSON object is complete.");

    // Consumes every complete token and value in buffer; returns the bytes it is done with.
    private long Consume(ReadOnlySequence<byte> buffer, bool isFinalBlock)
    {
        var reader = new Utf8JsonReader(buffer, isFinalBlock, _state);
        var done = 0L;
        while (true)
        {
            // Where to resume if the next value is not complete yet.
            var checkpoint = reader;
            switch (_stage)
            {
                case Stage.BeforeObject:
                    if (!reader.Read())
                    {
                        return Stop(checkpoint, ref done);
                    }

                    if (reader.TokenType != JsonTokenType.StartObject)
                    {
                        throw new NotAnObjectException(reader.TokenType);
                    }

                    _stage = Stage.InObject;
                    break;

                case Stage.InObject:
                    if (!reader.Read())
                    {
                        return Stop(checkpoint, ref done);
                    }

                    if (reader.TokenType == JsonTokenType.EndObject)
                    {
                        _stage = Stage.AfterObject;
                        break;
                    }

                    _property = reader.GetString()!;
                    if (_result.ContainsKey(_property))
                    {
                        throw new JsonException($"The property '{_property}' appears twice in the request body.");
                    }

                    _stage = Stage.BeforeValue;
                    break;

                case Stage.BeforeValue:
                    if (!reader.Read())
                    {
                        return Stop(checkpoint, ref done);
                    }

                    if (reader.TokenType == JsonTokenType.StartArray)
                    {
                        _array = [];
                        _result[_property!] = _array;
                        _stage = Stage.InArray;
                        break;
                    }

                    if (!TryParseValue(ref reader, out var value))
                    {
                        return Stop(checkpoint, ref done);
                    }

                    _result[_property!] = value;
                    _stage = Stage.InObject;
                    break;

                case Stage.InArray:
                    if (!reader.Read())
                    {
                        return Stop(checkpoint, ref done);
                    }

                    if (reader.TokenType == JsonTokenType.EndArray)
                    {
                        _array = null;
                        _stage = Stage.InObject;
                        break;
                    }

                    if (!TryParseValue(ref reader, out var element))
                    {
                        return Stop(checkpoint, ref done);
                    }

                    _array!.Add(element);
                    break;

                case Stage.AfterObject:
                    // Only white space may follow; Read() throws on anything else and returns false at the end.
                    if (reader.Read())
                    {
                        throw new JsonException($"'{(char)reader.ValueSpan[0]}' is invalid after a single JSON value. Expected end of data.");
                    }

                    return Stop(reader, ref done);
            }

            done = reader.BytesConsumed;
            _state = reader.CurrentState;
        }
    }

    private long Stop(Utf8JsonReader resumeFrom, ref long done)
    {
        done = resumeFrom.BytesConsumed;
        _state = resumeFrom.CurrentState;
        return done;
    }

    // The reader stands on a value's first token: parse the whole value if all its bytes are in the buffer.
    private static bool TryParseValue(ref Utf8JsonReader reader, out JsonNode? value)
    {
        if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
        {
            var probe = reader;
            if (!probe.TrySkip())
            {
                value = null;
                return false;
            }
        }

        value = JsonNode.Parse(ref reader);
        return true;
    }

    /// <summary>The body is valid JSON whose top-level value is not an object.</summary>
    internal sealed class NotAnObjectException(JsonTokenType token) : Exception($"The top-level JSON value is {token}.")
    {
        /// <summary>The first token of the body.</summary>
        public JsonTokenType Token { get; } = token;
    }
}
