using System.Text.Json.Nodes;
using LabelStudio.ML.Testing;
using LlmExamples.Testing;
using OcrExamples.Testing;
using Xunit;
using static LlmInteractive.Tests.InteractiveBackend;

namespace LlmInteractive.Tests;

/// <summary>What the backend sends to an OpenAI-compatible provider and what it makes of the replies.</summary>
public sealed class PromptingTests : ProviderBackedTests, IAsyncLifetime
{
    protected override async Task<TestBackend?> StartBackendAsync(FakeProviders fake) => await StartAsync(fake);

    [Fact]
    public async Task An_interactive_prompt_is_sent_with_the_task_text_and_the_reply_becomes_choices_answer_and_echo()
    {
        Fake.Script(FakeProviders.Chat, ChatAnswers.Text("negative."));

        var results = await Backend.PredictAsync(Config, [Task(7, "The delivery was late and the box was crushed.")], Context("What is the sentiment?"));

        var request = Assert.Single(Fake.RequestsOf(FakeProviders.Chat));
        Assert.Equal("/v1/chat/completions", request.Path);
        Assert.Equal($"Bearer {Key}", request.Header("Authorization"));
        var body = request.Json;
        Assert.Equal("gpt-4o-mini", body["model"]!.GetValue<string>());
        Assert.Equal(0.7, body["temperature"]!.GetValue<double>(), 5);
        var message = Assert.Single(body["messages"]!.AsArray())!;
        Assert.Equal("user", message["role"]!.GetValue<string>());
        Assert.Equal("Text:\n\"The delivery was late and the box was crushed.\"\n\nInstruction:\n\"What is the sentiment?\"", message["content"]!.GetValue<string>());

        var prediction = results.Single()!.AsObject();
        Assert.Equal(0.1, prediction["score"]!.GetValue<double>());
        var regions = prediction["result"]!.AsArray();
        Assert.Equal(3, regions.Count);
        Assert.Equal(("sentiment", "choices", "[\"Negative\"]"), Describe(regions[0]!, "choices"));
        Assert.Equal(("response", "textarea", "[\"negative.\"]"), Describe(regions[1]!, "text"));
        Assert.Equal(("prompt", "textarea", "[\"What is the sentiment?\"]"), Describe(regions[2]!, "text"));
    }

    [Fact]
    public async Task Fit_stores_a_new_prompt_and_moves_the_model_version_and_predictions_use_it()
    {
        JsonObject Review() => Task(3, "Great phone, the battery lasts two days.");
        var task = Review();
        Fake.Always(FakeProviders.Chat, ChatAnswers.Text("Positive"));

        var before = await Backend.PredictAsync(Config, [Review()]);
        var first = await Backend.WebhookAsync("ANNOTATION_CREATED", Config, task, [PromptResult("Classify the review.", "One word only.")]);
        var same = await Backend.WebhookAsync("ANNOTATION_UPDATED", Config, task, [PromptResult("Classify the review.", "One word only.")]);
        var changed = await Backend.WebhookAsync("ANNOTATION_UPDATED", Config, task, [PromptResult("Classify the review.", "Answer in one word.")]);
        var after = await Backend.PredictAsync(Config, [Review()]);

        Assert.Empty(before.Single()!["result"]!.AsArray());
        Assert.True(first["result"]!["stored"]!.GetValue<bool>());
        Assert.False(same["result"]!["stored"]!.GetValue<bool>());
        Assert.True(changed["result"]!["stored"]!.GetValue<bool>());
        var firstVersion = first["result"]!["version"]!.GetValue<string>();
        var changedVersion = changed["result"]!["version"]!.GetValue<string>();
        Assert.NotEqual(firstVersion, changedVersion);
        Assert.Equal(changedVersion, after.Single()!["model_version"]!.GetValue<string>());
        // The stored prompt is used without a context, and echoed.
        var sent = Assert.Single(Fake.RequestsOf(FakeProviders.Chat)).Json["messages"]![0]!["content"]!.GetValue<string>();
        Assert.EndsWith("Instruction:\n\"Classify the review.\nAnswer in one word.\"", sent, StringComparison.Ordinal);
        Assert.Equal("[\"Classify the review.\\nAnswer in one word.\"]", after.Single()!["result"]![2]!["value"]!["text"]!.ToJsonString());
    }

    [Fact]
    public async Task Extra_params_choose_model_temperature_and_number_of_replies()
    {
        await Backend.SetupAsync(Config, extraParams: "{\"model\": \"llama3.1:8b\", \"temperature\": 0, \"num_responses\": 2}");
        Fake.Script(FakeProviders.Chat, ChatAnswers.Text("Neutral"), ChatAnswers.Text("Positive"));

        var results = await Backend.PredictAsync(Config, [Task(1, "It is a phone.")], Context("Sentiment?"));

        var requests = Fake.RequestsOf(FakeProviders.Chat);
        Assert.Equal(2, requests.Count);
        Assert.All(requests, request => Assert.Equal("llama3.1:8b", request.Json["model"]!.GetValue<string>()));
        Assert.All(requests, request => Assert.Equal(0.0, request.Json["temperature"]!.GetValue<double>()));
        var regions = results.Single()!["result"]!.AsArray();
        Assert.Equal("[\"Neutral\"]", regions[0]!["value"]!["choices"]!.ToJsonString());
        Assert.Equal("[\"Neutral\",\"Positive\"]", regions[1]!["value"]!["text"]!.ToJsonString());
    }

    [Fact]
    public async Task Paragraphs_are_sent_as_json()
    {
        const string dialogue = """
            <View>
              <Paragraphs name="chat" value="$dialogue" layout="dialogue"/>
              <TextArea name="prompt_summary" toName="chat"/>
              <TextArea name="summary" toName="chat"/>
            </View>
            """;
        Fake.Script(FakeProviders.Chat, ChatAnswers.Text("They agree to meet."));
        var task = new JsonObject
        {
            ["id"] = 5,
            ["data"] = new JsonObject { ["dialogue"] = new JsonArray(new JsonObject { ["author"] = "A", ["text"] = "Meet at 5?" }, new JsonObject { ["author"] = "B", ["text"] = "Yes." }) },
        };
        var context = new JsonObject { ["result"] = new JsonArray(new JsonObject { ["from_name"] = "prompt_summary", ["to_name"] = "chat", ["type"] = "textarea", ["value"] = new JsonObject { ["text"] = new JsonArray("Summarize.") } }) };

        var results = await Backend.PredictAsync(dialogue, [task], context);

        var sent = Fake.RequestsOf(FakeProviders.Chat).Single().Json["messages"]![0]!["content"]!.GetValue<string>();
        Assert.Equal("Text:\n\"[{\"author\":\"A\",\"text\":\"Meet at 5?\"},{\"author\":\"B\",\"text\":\"Yes.\"}]\"\n\nInstruction:\n\"Summarize.\"", sent);
        Assert.Equal("They agree to meet.", results.Single()!["result"]![0]!["value"]!["text"]![0]!.GetValue<string>());
    }

    private const string ImageConfig = """
        <View>
          <Image name="scan" value="$image"/>
          <TextArea name="prompt" toName="scan"/>
          <TextArea name="transcript" toName="scan"/>
        </View>
        """;

    [Fact]
    public async Task The_text_of_an_image_is_read_with_Tesseract_and_sent_to_the_model()
    {
        var scan = TextImages.Render(["INVOICE 2041", "TOTAL 93 EUR"], OpenCvSharp.HersheyFonts.HersheyDuplex);
        Fake.Script(FakeProviders.Chat, ChatAnswers.Text("An invoice over 93 euros."));

        var results = await Backend.PredictAsync(
            ImageConfig, [new JsonObject { ["id"] = 6, ["data"] = new JsonObject { ["image"] = scan.DataUri } }], Context("What is this?"));

        var sent = Fake.RequestsOf(FakeProviders.Chat).Single().Json["messages"]![0]!["content"]!.GetValue<string>();
        Assert.Contains("INVOICE 2041\nTOTAL 93 EUR", sent, StringComparison.Ordinal);
        Assert.EndsWith("Instruction:\n\"What is this?\"", sent, StringComparison.Ordinal);
        Assert.Equal("An invoice over 93 euros.", results.Single()!["result"]![0]!["value"]!["text"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task An_image_that_cannot_be_decoded_is_a_422_naming_the_task()
    {
        var notAnImage = "data:image/png;base64," + Convert.ToBase64String("<html>gone</html>"u8.ToArray());

        var failure = await Assert.ThrowsAsync<HttpRequestException>(() => Backend.PredictAsync(
            ImageConfig, [new JsonObject { ["id"] = 8, ["data"] = new JsonObject { ["image"] = notAnImage } }], Context("Read it.")));

        Assert.Equal(422, (int?)failure.StatusCode);
        Assert.Contains("task 8", failure.Message, StringComparison.Ordinal);
        Assert.Contains("not an image", failure.Message, StringComparison.Ordinal);
        Assert.Empty(Fake.RequestsOf(FakeProviders.Chat));
    }

    private static (string, string, string) Describe(JsonNode region, string key) =>
        (region["from_name"]!.GetValue<string>(), region["type"]!.GetValue<string>(), region["value"]![key]!.ToJsonString());
}
