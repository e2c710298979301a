using System.Text.Json.Nodes;
using LabelStudio.ML.Testing;
using Xunit;

namespace NemoAsr.Tests;

/// <summary>The spoken clips and one PocketSphinx backend (its models load once) for a test class.</summary>
public sealed class AsrBackendFixture : IAsyncLifetime
{
    public const string LabelConfig = """
        <View>
          <Audio name="audio" value="$audio"/>
          <TextArea name="transcription" toName="audio" rows="4" editable="true" maxSubmissions="1"/>
        </View>
        """;

    public SpokenClips Clips { get; } = new();

    public TestBackend Backend { get; private set; } = null!;

    public async Task InitializeAsync() =>
        Backend = await TestBackend.StartAsync<NemoAsrModel>(
            new Dictionary<string, string?>
            {
                // The clips are local files; task data may read them only inside an allowed folder.
                ["TASK_DATA_ALLOWED_ROOTS"] = Clips.Folder,
                // No FFmpeg, whatever the machine has: formats other than WAV are then refused.
                ["FFMPEG_PATH"] = "/nonexistent/ffmpeg",
            },
            services => services.AddSpeechRecognition());

    public async Task DisposeAsync()
    {
        await Backend.DisposeAsync();
        Clips.Dispose();
    }

    public static JsonObject Task(long id, string audio) => TestTasks.Create(id, new JsonObject { ["audio"] = audio });
}
