using System.IO.Pipelines;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Xunit;

namespace LabelStudio.ML.Tests.Hosting;

public sealed class StreamingJsonObjectReaderTests
{
    private const string PredictBody = """
        {"tasks": [{"id": 1, "data": {"text": "héllo \"world\" 😀", "n": [1, 2.5, -3e2, true, null]}},
                   {"id": 2, "data": {"text": "second", "nested": {"a": [[], {}], "b": {"c": [{"d": "e"}]}}}}],
         "project": "7.1712586036", "label_config": "<View><Text name=\"text\" value=\"$text\"/></View>",
         "params": {"login": null, "context": null}, "empty": [], "number": 42, "flag": false}
        """;

    // Feeds bytes through a pipe in pieces of the given size, as a slow client would send them.
    private static async Task<JsonObject> ReadInPiecesAsync(string json, int pieceSize)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        var pipe = new Pipe(new PipeOptions(pauseWriterThreshold: 0));
        var writing = Task.Run(async () =>
        {
            for (var at = 0; at < bytes.Length; at += pieceSize)
            {
                await pipe.Writer.WriteAsync(bytes.AsMemory(at, Math.Min(pieceSize, bytes.Length - at)));
            }

            await pipe.Writer.CompleteAsync();
        });
        var result = await StreamingJsonObjectReader.ReadAsync(pipe.Reader, 64, CancellationToken.None);
        await writing;
        return result;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(17)]
    [InlineData(4096)]
    public async Task Any_split_of_the_body_gives_the_tree_a_whole_body_parse_gives(int pieceSize)
    {
        var streamed = await ReadInPiecesAsync(PredictBody, pieceSize);

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(PredictBody), streamed), streamed.ToJsonString());
        Assert.Equal("héllo \"world\" 😀", (string?)streamed["tasks"]![0]!["data"]!["text"]);
    }

    [Fact]
    public async Task A_large_batch_arrives_task_by_task_with_every_task_intact()
    {
        var tasks = new JsonArray();
        for (var i = 0; i < 500; i++)
        {
            tasks.Add(new JsonObject { ["id"] = i, ["data"] = new JsonObject { ["text"] = new string((char)('a' + (i % 26)), 2000 + i) } });
        }

        var json = new JsonObject { ["tasks"] = tasks }.ToJsonString();

        var streamed = await ReadInPiecesAsync(json, 1500);

        var read = streamed["tasks"]!.AsArray();
        Assert.Equal(500, read.Count);
        Assert.Equal(new string('h', 2007), (string?)read[7]!["data"]!["text"]);
        Assert.Equal(499, (int)read[499]!["id"]!);
    }

    [Theory]
    [InlineData("{\"tasks\": [{\"id\": 1}, {\"id\": }]}")]
    [InlineData("{\"tasks\": [1, 2")]
    [InlineData("{\"a\": 1")]
    [InlineData("{\"a\": 1} x")]
    [InlineData("{\"a\" 1}")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("{\"a\": 'single'}")]
    public async Task Invalid_JSON_is_a_JsonException_as_for_a_whole_body_parse(string json)
    {
        Assert.ThrowsAny<JsonException>(() => JsonNode.Parse(json));

        await Assert.ThrowsAnyAsync<JsonException>(() => ReadInPiecesAsync(json, 2));
    }

    [Fact]
    public async Task An_error_names_the_line_where_it_is_even_in_a_later_piece()
    {
        const string json = "{\n\"tasks\": [\n{\"id\": 1},\n{\"id\": tru}\n]}";

        var error = await Assert.ThrowsAnyAsync<JsonException>(() => ReadInPiecesAsync(json, 4));

        Assert.Equal(3, error.LineNumber); // zero-based: the fourth line
    }

    [Theory]
    [InlineData("[1, 2]", JsonTokenType.StartArray)]
    [InlineData("null", JsonTokenType.Null)]
    [InlineData("\"text\"", JsonTokenType.String)]
    [InlineData("12", JsonTokenType.Number)]
    public async Task A_body_that_is_not_an_object_says_what_it_is(string json, JsonTokenType token)
    {
        var error = await Assert.ThrowsAsync<StreamingJsonObjectReader.NotAnObjectException>(() => ReadInPiecesAsync(json, 5));

        Assert.Equal(token, error.Token);
    }

    [Fact]
    public async Task A_repeated_top_level_key_is_refused()
    {
        var error = await Assert.ThrowsAnyAsync<JsonException>(() => ReadInPiecesAsync("{\"tasks\": [], \"tasks\": []}", 8));

        Assert.Contains("'tasks' appears twice", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Nesting_deeper_than_the_limit_is_refused()
    {
        var json = "{\"a\": " + new string('[', 100) + new string(']', 100) + "}";

        await Assert.ThrowsAnyAsync<JsonException>(() => ReadInPiecesAsync(json, 10));
    }
}
