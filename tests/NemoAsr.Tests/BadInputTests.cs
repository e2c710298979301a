using System.Text;
using System.Text.Json.Nodes;
using LabelStudio.ML.Testing;
using Xunit;

namespace NemoAsr.Tests;

/// <summary>Tasks whose audio is not audio are answered 422 naming the task and the cause; the server keeps serving.</summary>
public sealed class BadInputTests(AsrBackendFixture fixture) : IClassFixture<AsrBackendFixture>
{
    [Theory]
    [InlineData("notes.wav", "the file is text, not audio")]
    [InlineData("empty.wav", "the file is empty")]
    [InlineData("song.mp3", "the file is MP3")]
    [InlineData("adpcm.wav", "format tag 0x0011")]
    public async Task A_file_that_is_not_readable_audio_is_422_naming_the_task_and_the_cause(string name, string cause)
    {
        var path = Path.Combine(fixture.Clips.Folder, name);
        await File.WriteAllBytesAsync(path, name switch
        {
            "notes.wav" => Encoding.UTF8.GetBytes("This is a shopping list, not a recording.\n"),
            "empty.wav" => [],
            "song.mp3" => [.. "ID3"u8, 4, 0, 0, 0, 0, 0, 0, .. new byte[64]],
            _ => WavFiles.Adpcm(),
        });

        var failure = await Assert.ThrowsAsync<HttpRequestException>(() => fixture.Backend.PredictAsync(
            AsrBackendFixture.LabelConfig,
            [AsrBackendFixture.Task(1, fixture.Clips.PathOf("president")), AsrBackendFixture.Task(4711, path)]));

        Assert.Equal(422, (int?)failure.StatusCode);
        Assert.Contains("Task 4711", failure.Message, StringComparison.Ordinal);
        Assert.Contains("unsupported audio format", failure.Message, StringComparison.Ordinal);
        Assert.Contains(cause, failure.Message, StringComparison.Ordinal);
        await AssertStillServingAsync();
    }

    [Fact]
    public async Task A_task_without_the_audio_key_is_422_naming_the_task_and_the_key()
    {
        var task = TestTasks.Create(4712, new JsonObject { ["sound"] = fixture.Clips.PathOf("president") });

        var failure = await Assert.ThrowsAsync<HttpRequestException>(() => fixture.Backend.PredictAsync(AsrBackendFixture.LabelConfig, [task]));

        Assert.Equal(422, (int?)failure.StatusCode);
        Assert.Contains("Task 4712 has no data key 'audio'", failure.Message, StringComparison.Ordinal);
        await AssertStillServingAsync();
    }

    [Fact]
    public async Task A_config_without_textarea_and_audio_is_an_error()
    {
        var failure = await Assert.ThrowsAsync<HttpRequestException>(() => fixture.Backend.PredictAsync(
            "<View><Text name=\"text\" value=\"$text\"/><TextArea name=\"t\" toName=\"text\"/></View>",
            [TestTasks.Create(1, new JsonObject { ["text"] = "hello" })]));

        Assert.Contains("Audio", failure.Message, StringComparison.Ordinal);
        await AssertStillServingAsync();
    }

    private async Task AssertStillServingAsync()
    {
        var next = await fixture.Backend.GetPredictionsAsync(AsrBackendFixture.LabelConfig, [AsrBackendFixture.Task(2, fixture.Clips.PathOf("president"))]);
        Assert.Contains("president", Assert.Single(Assert.Single(next[0].Regions).Texts), StringComparison.Ordinal);
    }
}
