using System.Text.Json.Nodes;
using InteractiveSubstringMatching;
using LabelStudio.ML.Testing;
using Xunit;

namespace LabelStudio.ML.Tests.TaskData;

/// <summary>
/// The substring-matching example, served by a real backend whose LABEL_STUDIO_URL points at the fake Label Studio,
/// reads a task whose <c>$text</c> is an uploaded <c>.txt</c> file through <c>/predict</c>.
/// </summary>
public sealed class PredictThroughTaskDataTests
{
    public const string LabelConfig = """
        <View>
          <Labels name="label" toName="text"><Label value="Animal"/></Labels>
          <Text name="text" value="$text"/>
        </View>
        """;

    public static JsonObject Task(string text) => new() { ["id"] = 5, ["data"] = new JsonObject { ["text"] = text } };

    public static JsonObject Context(string keyword, int start = 0) => new()
    {
        ["result"] = new JsonArray(new JsonObject
        {
            ["from_name"] = "label",
            ["to_name"] = "text",
            ["type"] = "labels",
            ["value"] = new JsonObject { ["start"] = start, ["end"] = start + keyword.Length, ["text"] = keyword, ["labels"] = new JsonArray("Animal") },
        }),
    };

    [Theory]
    [InlineData("/data/upload/3/notes.txt")]
    [InlineData("upload/3/notes.txt")]
    public async Task An_uploaded_text_file_is_read_through_TaskData(string reference)
    {
        await using var fake = await FakeLabelStudio.StartAsync();
        fake.Files["/storage-data/uploaded/?filepath=upload/3/notes.txt"] = FakeFile.Text("The fox saw another Fox.");
        await using var backend = await TestBackend.StartAsync<SubstringMatchingModel>(new Dictionary<string, string?>
        {
            ["LABEL_STUDIO_URL"] = fake.Url.ToString(),
            ["LABEL_STUDIO_API_KEY"] = FakeLabelStudio.LegacyToken,
        });

        var results = await backend.PredictAsync(LabelConfig, [Task(reference)], Context("fox", 4));

        var regions = results[0]!["result"]!.AsArray();
        var region = Assert.Single(regions)!;
        Assert.Equal(20, region["value"]!["start"]!.GetValue<int>());
        Assert.Equal("Fox", region["value"]!["text"]!.GetValue<string>());
        var download = Assert.Single(fake.Gets, get => get.Path != "/api/current-user/whoami");
        Assert.Equal($"Token {FakeLabelStudio.LegacyToken}", download.Authorization);
        Assert.Single(Directory.GetFiles(Path.Combine(backend.ModelDir, ".cache")));
    }

    [Fact]
    public async Task Inline_text_is_used_as_it_is()
    {
        await using var backend = await TestBackend.StartAsync<SubstringMatchingModel>();

        var results = await backend.PredictAsync(LabelConfig, [Task("fox and fox")], Context("fox"));

        Assert.Equal(8, Assert.Single(results[0]!["result"]!.AsArray())!["value"]!["start"]!.GetValue<int>());
    }
}
