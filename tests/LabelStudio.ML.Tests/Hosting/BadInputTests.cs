using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using LabelStudio.ML.Testing;
using LabelStudio.ML.Tests.Support;
using Xunit;

namespace LabelStudio.ML.Tests.Hosting;

/// <summary>Bad requests get a JSON envelope that says what is wrong; the server keeps serving and its state stays intact.</summary>
public sealed class BadInputTests
{
    private static async Task<JsonObject> EnvelopeAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        Assert.Equal((int)status, body["status"]!.GetValue<int>());
        Assert.NotNull(body["result"]?["traceback"]);
        return body;
    }

    private static HttpContent Raw(string text, string contentType = "application/json") =>
        new StringContent(text, Encoding.UTF8, new MediaTypeHeaderValue(contentType));

    [Theory]
    [InlineData("/predict")]
    [InlineData("/setup")]
    [InlineData("/webhook")]
    public async Task Malformed_json_is_400_naming_the_position(string path)
    {
        await using var backend = await TestBackend.StartAsync<KeywordSentimentModel>();
        using var response = await backend.Client.PostAsync(path, Raw("{\"tasks\": [1, 2,, 3]}"));
        var detail = (await EnvelopeAsync(response, HttpStatusCode.BadRequest))["detail"]!.GetValue<string>();
        Assert.Contains("not valid JSON", detail, StringComparison.Ordinal);
        Assert.Contains("line 1, byte 16", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_body_that_arrives_in_pieces_and_ends_inside_a_value_is_400_and_the_server_keeps_serving()
    {
        await using var backend = await TestBackend.StartAsync<KeywordSentimentModel>();

        for (var attempt = 0; attempt < 3; attempt++)
        {
            using var response = await backend.Client.PostAsync("/predict", new PiecewiseContent("{\"tasks\": [{\"id\": 1, \"data\": {\"text\": \"cut ", "off here"));
            var detail = (await EnvelopeAsync(response, HttpStatusCode.BadRequest))["detail"]!.GetValue<string>();
            Assert.Contains("not valid JSON", detail, StringComparison.Ordinal);
        }

        var results = await backend.PredictAsync(Payloads.SentimentConfig, [Payloads.Task(1, "a good day")]);
        Assert.Single(results);
    }

    // Sends its pieces with a pause between them (chunked), so the server reads the body in several parts.
    private sealed class PiecewiseContent : HttpContent
    {
        private readonly string[] _pieces;

        public PiecewiseContent(params string[] pieces)
        {
            _pieces = pieces;
            Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        protected override async Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context)
        {
            foreach (var piece in _pieces)
            {
                await stream.WriteAsync(Encoding.UTF8.GetBytes(piece));
                await stream.FlushAsync();
                await Task.Delay(50);
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }

    [Fact]
    public async Task A_wrong_content_type_is_415_naming_the_expected_one()
    {
        await using var backend = await TestBackend.StartAsync<KeywordSentimentModel>();
        using var response = await backend.Client.PostAsync("/predict", Raw("{}", "text/plain"));
        var detail = (await EnvelopeAsync(response, HttpStatusCode.UnsupportedMediaType))["detail"]!.GetValue<string>();
        Assert.Contains("application/json", detail, StringComparison.Ordinal);
        Assert.Contains("text/plain", detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "not valid JSON")]
    [InlineData("[1, 2]", "must be a JSON object, got an array")]
    [InlineData("{\"tasks\": \"all\"}", "'tasks' must be an array")]
    [InlineData("{\"tasks\": [1]}", "tasks[0] must be a task object")]
    [InlineData("{\"tasks\": [], \"params\": 5}", "'params' must be an object")]
    [InlineData("{\"tasks\": [], \"label_config\": 5}", "'label_config' must be a string")]
    public async Task Predict_bodies_of_the_wrong_shape_are_400(string body, string expected)
    {
        await using var backend = await TestBackend.StartAsync<KeywordSentimentModel>();
        using var response = await backend.Client.PostAsync("/predict", Raw(body));
        var detail = (await EnvelopeAsync(response, HttpStatusCode.BadRequest))["detail"]!.GetValue<string>();
        Assert.Contains(expected, detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"schema\": \"<View/>\"}", "Missing field: 'project'")]
    [InlineData("{\"project\": [7]}", "'project' must be a string")]
    public async Task Setup_without_a_usable_project_is_400(string body, string expected)
    {
        await using var backend = await TestBackend.StartAsync<KeywordSentimentModel>();
        using var response = await backend.Client.PostAsync("/setup", Raw(body));
        Assert.Contains(expected, (await EnvelopeAsync(response, HttpStatusCode.BadRequest))["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"project\": {\"id\": 1}}", "Missing field: 'action'")]
    [InlineData("{\"action\": 5}", "'action' must be a string")]
    [InlineData("{\"action\": \"ANNOTATION_CREATED\", \"project\": {\"title\": \"x\"}}", "Missing field: 'project.id'")]
    [InlineData("{\"action\": \"START_TRAINING\"}", "Missing field: 'project'")]
    public async Task Webhooks_without_action_or_project_are_400(string body, string expected)
    {
        await using var backend = await TestBackend.StartAsync<KeywordSentimentModel>(new Dictionary<string, string?> { ["TRAINING_MODE"] = "sync" });
        using var response = await backend.Client.PostAsync("/webhook", Raw(body));
        Assert.Contains(expected, (await EnvelopeAsync(response, HttpStatusCode.BadRequest))["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_body_over_the_limit_is_413_and_the_server_keeps_serving()
    {
        await using var backend = await TestBackend.StartAsync<KeywordSentimentModel>(new Dictionary<string, string?> { ["MAX_REQUEST_BODY_SIZE"] = "2048" });
        var big = Payloads.Predict(Payloads.SentimentConfig, "1.1", Payloads.Task(1, new string('x', 4096)));
        using var response = await backend.PostJsonAsync("/predict", big);
        var detail = (await EnvelopeAsync(response, HttpStatusCode.RequestEntityTooLarge))["detail"]!.GetValue<string>();
        Assert.Contains("2048 bytes", detail, StringComparison.Ordinal);
        Assert.Contains("MAX_REQUEST_BODY_SIZE", detail, StringComparison.Ordinal);

        var results = await backend.PredictAsync(Payloads.SentimentConfig, [Payloads.Task(2, "good")]);
        Assert.Single(results);
    }

    [Fact]
    public async Task A_label_config_that_is_not_xml_is_500_naming_the_problem()
    {
        // SPEC fixture predict_invalid_label_config keeps the original's 500 for this case.
        await using var backend = await TestBackend.StartAsync<KeywordSentimentModel>();
        using var response = await backend.PostJsonAsync("/predict", Payloads.Predict("<View><Text name=\"text\" value=\"$text\"></View>", "1.1", Payloads.Task(1, "x")));
        var detail = (await EnvelopeAsync(response, HttpStatusCode.InternalServerError))["detail"]!.GetValue<string>();
        Assert.StartsWith("LabelConfigException: Label config is not well-formed XML", detail, StringComparison.Ordinal);
        Assert.Contains("Text", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_config_without_the_tags_the_model_needs_is_422()
    {
        await using var backend = await TestBackend.StartAsync<KeywordSentimentModel>();
        const string NerConfig = "<View><Labels name=\"label\" toName=\"text\"><Label value=\"PER\"/></Labels><Text name=\"text\" value=\"$text\"/></View>";
        using var response = await backend.PostJsonAsync("/predict", Payloads.Predict(NerConfig, "1.1", Payloads.Task(1, "x")));
        var detail = (await EnvelopeAsync(response, HttpStatusCode.UnprocessableEntity))["detail"]!.GetValue<string>();
        Assert.Contains("No control tag of type Choices and object tag of type Text", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_task_without_the_data_key_is_422_naming_task_and_key()
    {
        await using var backend = await TestBackend.StartAsync<KeywordSentimentModel>();
        var task = new JsonObject { ["id"] = 5021, ["data"] = new JsonObject { ["image"] = "/data/upload/1/a.png" } };
        using var response = await backend.PostJsonAsync("/predict", Payloads.Predict(Payloads.SentimentConfig, "1.1", task));
        var detail = (await EnvelopeAsync(response, HttpStatusCode.UnprocessableEntity))["detail"]!.GetValue<string>();
        Assert.Contains("5021", detail, StringComparison.Ordinal);
        Assert.Contains("'text'", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failing_model_is_500_and_leaves_the_server_and_state_intact()
    {
        await using var backend = await TestBackend.StartAsync<FailingModel>();
        backend.Store.Set("3", "my_data", "kept");
        using var response = await backend.PostJsonAsync("/predict", Payloads.Predict(Payloads.SentimentConfig, "3.1", Payloads.Task(1, "x")));
        var envelope = await EnvelopeAsync(response, HttpStatusCode.InternalServerError);
        Assert.Equal("InvalidOperationException: the model weights are missing", envelope["detail"]!.GetValue<string>());
        Assert.Contains("FailingModel.PredictAsync", envelope["result"]!["traceback"]!.GetValue<string>(), StringComparison.Ordinal);

        using var health = await backend.Client.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("kept", backend.Store.Get("3", "my_data"));
        Assert.Equal(Payloads.SentimentConfig, backend.Store.Get("3", "label_config"));
    }

    [Fact]
    public async Task A_NaN_in_a_prediction_is_500_naming_the_field()
    {
        await using var backend = await TestBackend.StartAsync<NaNScoreModel>();
        using var response = await backend.PostJsonAsync("/predict", Payloads.Predict(Payloads.SentimentConfig, "1.1", Payloads.Task(1, "x")));
        var detail = (await EnvelopeAsync(response, HttpStatusCode.InternalServerError))["detail"]!.GetValue<string>();
        Assert.Contains("score is NaN", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_paths_and_methods_get_the_envelope_listing_the_endpoints()
    {
        await using var backend = await TestBackend.StartAsync<KeywordSentimentModel>();
        using var notFound = await backend.Client.GetAsync("/predict/");
        Assert.Contains("POST /predict", (await EnvelopeAsync(notFound, HttpStatusCode.NotFound))["detail"]!.GetValue<string>(), StringComparison.Ordinal);

        using var wrongMethod = await backend.Client.GetAsync("/predict");
        Assert.Contains("GET is not allowed on /predict", (await EnvelopeAsync(wrongMethod, HttpStatusCode.MethodNotAllowed))["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_answers_HEAD_too()
    {
        await using var backend = await TestBackend.StartAsync<KeywordSentimentModel>();
        using var response = await backend.Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/health"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
