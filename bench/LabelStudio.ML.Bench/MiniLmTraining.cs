using System.Text;
using System.Text.Json.Nodes;

namespace LabelStudio.ML.Bench;

/// <summary>Trains bert_classifier's head through its annotation webhooks, so that predictions run the encoder.</summary>
internal static class MiniLmTraining
{
    private const string Config =
        "<View><Text name=\"text\" value=\"$text\"/><Choices name=\"topic\" toName=\"text\"><Choice value=\"Sports\"/><Choice value=\"Food\"/></Choices></View>";

    private static readonly (string Text, string Topic)[] Examples =
    [
        ("The striker scored twice in the second half of the derby.", "Sports"),
        ("The home team won the championship after extra time.", "Sports"),
        ("She ran the marathon in under three hours this spring.", "Sports"),
        ("The coach praised the defence after the cup final.", "Sports"),
        ("Simmer the tomato sauce with garlic and fresh basil.", "Food"),
        ("This bakery makes the best sourdough bread in town.", "Food"),
        ("Add a pinch of salt before you whisk the eggs.", "Food"),
        ("The restaurant serves grilled fish with lemon butter.", "Food"),
    ];

    public static byte[] PredictBody() => Encoding.UTF8.GetBytes(new JsonObject
    {
        ["tasks"] = new JsonArray(new JsonObject
        {
            ["id"] = 5001,
            ["data"] = new JsonObject { ["text"] = "The goalkeeper saved a penalty in the last minute of the match, and the fans cheered." },
        }),
        ["project"] = "1.1712586036",
        ["label_config"] = Config,
        ["params"] = new JsonObject { ["login"] = null, ["password"] = null, ["context"] = null },
    }.ToJsonString());

    public static async Task TrainAsync(Uri backend)
    {
        using var client = new HttpClient { BaseAddress = backend, Timeout = TimeSpan.FromMinutes(2) };
        for (var i = 0; i < Examples.Length; i++)
        {
            var (text, topic) = Examples[i];
            var body = new JsonObject
            {
                ["action"] = "ANNOTATION_CREATED",
                ["project"] = new JsonObject { ["id"] = 1, ["label_config"] = Config },
                ["task"] = new JsonObject { ["id"] = 100 + i, ["project"] = 1, ["data"] = new JsonObject { ["text"] = text } },
                ["annotation"] = new JsonObject
                {
                    ["id"] = 200 + i,
                    ["was_cancelled"] = false,
                    ["project"] = 1,
                    ["result"] = new JsonArray(new JsonObject
                    {
                        ["from_name"] = "topic",
                        ["to_name"] = "text",
                        ["type"] = "choices",
                        ["value"] = new JsonObject { ["choices"] = new JsonArray(topic) },
                    }),
                },
            };
            using var response = await client.PostAsync("/webhook", new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json")).ConfigureAwait(false);
            response.EnsureSuccessStatusCode();
        }

        // A trained head answers a choice; an untrained one an empty result.
        using var check = await client.PostAsync("/predict", new ByteArrayContent(PredictBody()) { Headers = { ContentType = new("application/json") } }).ConfigureAwait(false);
        var answer = JsonNode.Parse(await check.Content.ReadAsStringAsync().ConfigureAwait(false));
        if (answer?["results"]?[0]?["result"] is not JsonArray { Count: > 0 })
        {
            throw new InvalidOperationException($"bert_classifier did not train: {answer?.ToJsonString()}");
        }
    }
}
