using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using LabelStudio.ML.Testing;
using LlmExamples.Testing;
using Xunit;

namespace WatsonX.Tests;

/// <summary>
/// The watsonx.data webhook sink, in the built backend run as its own process (as Program.cs maps it), writing to a
/// loopback Presto.
/// </summary>
public sealed class DataSinkTests : IAsyncLifetime
{
    private const string ApiKey = "ibm-lakehouse-key-test-99";
    private const string Table = "\"iceberg_data\".\"labeling\".\"annotations\"";
    private const string LabelConfig = """
        <View>
          <Text name="text" value="$text"/>
          <Choices name="sentiment" toName="text"><Choice value="Positive"/><Choice value="Negative"/></Choices>
          <TextArea name="comment" toName="text"/>
        </View>
        """;

    private FakeProviders _fake = null!;
    private BackendProcess _backend = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _fake = await FakeProviders.StartAsync();
        _backend = Start(new()
        {
            ["WATSONX_ENG_HOST"] = $"http://127.0.0.1:{_fake.Url.Port}",
            ["WATSONX_API_KEY"] = ApiKey,
            ["WATSONX_CATALOG"] = "iceberg_data",
            ["WATSONX_SCHEMA"] = "labeling",
            ["WATSONX_TABLE"] = "annotations",
            ["LLM_MAX_RETRIES"] = "0",
        });
        await _backend.WaitForHealthAsync(TimeSpan.FromMinutes(1));
        _client = new HttpClient { BaseAddress = _backend.Address };
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _backend.DisposeAsync();
        await _fake.DisposeAsync();
    }

    [Fact]
    public async Task A_created_annotation_creates_the_table_and_inserts_its_row_over_the_statement_protocol()
    {
        var answer = await PostAsync(Event("ANNOTATION_CREATED", 31, "It's great", ["Positive"], "fine"));

        Assert.Equal("ok", answer["status"]!.GetValue<string>());
        var statements = _fake.Statements;
        Assert.Equal(2, statements.Count);
        Assert.Equal(
            $"CREATE TABLE IF NOT EXISTS {Table} (\"annotation_id\" BIGINT, \"task_id\" BIGINT, \"project_id\" BIGINT, \"task_data\" VARCHAR, \"result\" VARCHAR, \"sentiment\" VARCHAR, \"comment\" VARCHAR)",
            statements[0]);
        Assert.Equal(
            $"INSERT INTO {Table} (\"annotation_id\", \"task_id\", \"project_id\", \"task_data\", \"result\", \"sentiment\", \"comment\") VALUES (31, 7, 3, '{{\"text\":\"It''s great\"}}', '{ResultJson(["Positive"], "fine").Replace("'", "''", StringComparison.Ordinal)}', 'Positive', 'fine')",
            statements[1]);
        var presto = _fake.RequestsOf(FakeProviders.Presto);
        // Each statement is posted, then its nextUri is followed until the answer has none.
        Assert.Equal(["POST", "GET", "POST", "GET"], presto.Select(request => request.Method));
        Assert.Equal("/v1/statement", presto[0].Path);
        Assert.All(presto, request => Assert.Equal("ibmlhapikey", request.Header("X-Presto-User")));
        Assert.Equal("iceberg_data", presto[0].Header("X-Presto-Catalog"));
        Assert.Equal("labeling", presto[0].Header("X-Presto-Schema"));
        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"ibmlhapikey:{ApiKey}")), presto[0].Header("Authorization"));
        Assert.StartsWith("/v1/statement/queued/", presto[1].Path, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_update_replaces_the_row_and_a_bulk_delete_removes_the_rows()
    {
        await PostAsync(Event("ANNOTATION_UPDATED", 32, "Bad", ["Negative"], null));
        await PostAsync(new JsonObject { ["action"] = "ANNOTATIONS_DELETED", ["annotations"] = new JsonArray(new JsonObject { ["id"] = 32 }, new JsonObject { ["id"] = 33 }), ["project"] = new JsonObject { ["id"] = 3 } });

        var statements = _fake.Statements;
        Assert.Equal(4, statements.Count);
        Assert.StartsWith("CREATE TABLE IF NOT EXISTS", statements[0], StringComparison.Ordinal);
        Assert.Equal($"DELETE FROM {Table} WHERE \"annotation_id\" = 32", statements[1]);
        Assert.EndsWith("'Negative', '')", statements[2], StringComparison.Ordinal);
        Assert.Equal($"DELETE FROM {Table} WHERE \"annotation_id\" IN (32, 33)", statements[3]);
    }

    [Fact]
    public async Task A_failed_query_is_a_502_naming_Presto_and_other_events_are_ignored()
    {
        _fake.Script(FakeProviders.Presto, ScriptedAnswer.Json(new JsonObject
        {
            ["id"] = "q1",
            ["stats"] = new JsonObject { ["state"] = "FAILED" },
            ["error"] = new JsonObject { ["message"] = "line 1:1: Schema 'labeling' does not exist", ["errorCode"] = 1, ["errorName"] = "SYNTAX_ERROR" },
        }));

        using var failed = await _client.PostAsJsonAsync("/data/upload", Event("ANNOTATION_CREATED", 34, "x", ["Positive"], null));
        var ignored = await PostAsync(new JsonObject { ["action"] = "PROJECT_UPDATED" });

        Assert.Equal(502, (int)failed.StatusCode);
        var detail = JsonNode.Parse(await failed.Content.ReadAsStringAsync())!["detail"]!.GetValue<string>();
        Assert.StartsWith($"ANNOTATION_CREATED into {Table}: watsonx.data (Presto at http://127.0.0.1:{_fake.Url.Port}) gave an answer this backend cannot use: the query failed: line 1:1: Schema 'labeling' does not exist", detail, StringComparison.Ordinal);
        Assert.Equal("ignored", ignored["status"]!.GetValue<string>());
        Assert.DoesNotContain(ApiKey, _backend.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_the_lakehouse_settings_the_sink_answers_503_naming_them()
    {
        await using var bare = Start([]);
        await bare.WaitForHealthAsync(TimeSpan.FromMinutes(1));
        using var client = new HttpClient { BaseAddress = bare.Address };

        using var response = await client.PostAsJsonAsync("/data/upload", Event("ANNOTATION_CREATED", 1, "x", ["Positive"], null));

        Assert.Equal(503, (int)response.StatusCode);
        Assert.Equal(
            "The watsonx.data sink is not configured: WATSONX_ENG_HOST, WATSONX_API_KEY, WATSONX_CATALOG, WATSONX_SCHEMA, WATSONX_TABLE are not set.",
            JsonNode.Parse(await response.Content.ReadAsStringAsync())!["detail"]!.GetValue<string>());
    }

    private static BackendProcess Start(Dictionary<string, string> environment)
    {
        // Variables of the runner's environment must not leak into the backend under test.
        foreach (var name in new[] { "WATSONX_ENG_HOST", "WATSONX_API_KEY", "WATSONX_CATALOG", "WATSONX_SCHEMA", "WATSONX_TABLE", "WATSONX_ENG_PORT" })
        {
            environment.TryAdd(name, "");
        }

        return BackendProcess.Start(BackendProcess.LocateApplication("WatsonX.dll", "examples/watsonX"), environment: environment);
    }

    private async Task<JsonObject> PostAsync(JsonObject body)
    {
        using var response = await _client.PostAsJsonAsync("/data/upload", body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text + "\n" + _backend.Output);
        return JsonNode.Parse(text)!.AsObject();
    }

    private static string ResultJson(string[] choices, string? comment) => Result(choices, comment).ToJsonString();

    private static JsonArray Result(string[] choices, string? comment)
    {
        var result = new JsonArray(new JsonObject
        {
            ["from_name"] = "sentiment",
            ["to_name"] = "text",
            ["type"] = "choices",
            ["value"] = new JsonObject { ["choices"] = new JsonArray([.. choices.Select(choice => (JsonNode)choice)]) },
        });
        if (comment is not null)
        {
            result.Add(new JsonObject { ["from_name"] = "comment", ["to_name"] = "text", ["type"] = "textarea", ["value"] = new JsonObject { ["text"] = new JsonArray(comment) } });
        }

        return result;
    }

    /// <summary>A webhook body as Label Studio sends it for an annotation event.</summary>
    private static JsonObject Event(string action, long annotationId, string text, string[] choices, string? comment) => new()
    {
        ["action"] = action,
        ["project"] = new JsonObject { ["id"] = 3, ["title"] = "Reviews", ["label_config"] = LabelConfig },
        ["task"] = new JsonObject { ["id"] = 7, ["data"] = new JsonObject { ["text"] = text }, ["project"] = 3 },
        ["annotation"] = new JsonObject
        {
            ["id"] = annotationId,
            ["task"] = 7,
            ["project"] = 3,
            ["completed_by"] = 1,
            ["was_cancelled"] = false,
            ["result"] = Result(choices, comment),
        },
    };
}
