using LabelStudio.ML.Testing;
using Xunit;

namespace NemoAsr.Tests;

/// <summary>
/// The Whisper engine needs a ggml model the user supplies (none is shipped by any package): without a usable one,
/// /predict answers an error that names WHISPER_MODEL_PATH and what is wrong with it.
/// </summary>
public sealed class WhisperEngineTests : IClassFixture<AsrBackendFixture>
{
    private readonly AsrBackendFixture _clips;

    public WhisperEngineTests(AsrBackendFixture clips) => _clips = clips;

    [Fact]
    public async Task A_missing_model_file_is_an_error_naming_the_setting_and_the_path()
    {
        var missing = Path.Combine(_clips.Clips.Folder, "no-such-model", "ggml-base.en.bin");

        var failure = await PredictWithWhisperAsync(missing);

        Assert.Equal(500, (int?)failure.StatusCode);
        Assert.Contains("WHISPER_MODEL_PATH names a file that does not exist", failure.Message, StringComparison.Ordinal);
        Assert.Contains(missing, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unset_model_path_is_an_error_naming_the_setting()
    {
        var failure = await PredictWithWhisperAsync(null);

        Assert.Equal(500, (int?)failure.StatusCode);
        Assert.Contains("ASR_ENGINE=whisper needs WHISPER_MODEL_PATH", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_that_is_not_a_ggml_model_is_an_error_naming_the_file()
    {
        var bogus = Path.Combine(_clips.Clips.Folder, "not-a-model.bin");
        await File.WriteAllBytesAsync(bogus, [.. Enumerable.Range(0, 4096).Select(i => (byte)(i * 7))]);

        var failure = await PredictWithWhisperAsync(bogus);

        Assert.Equal(500, (int?)failure.StatusCode);
        Assert.Contains($"WHISPER_MODEL_PATH {bogus} is not a ggml Whisper model", failure.Message, StringComparison.Ordinal);
    }

    private async Task<HttpRequestException> PredictWithWhisperAsync(string? modelPath)
    {
        await using var backend = await TestBackend.StartAsync<NemoAsrModel>(
            new Dictionary<string, string?>
            {
                ["ASR_ENGINE"] = "whisper",
                ["WHISPER_MODEL_PATH"] = modelPath,
                ["TASK_DATA_ALLOWED_ROOTS"] = _clips.Clips.Folder,
            },
            services => services.AddSpeechRecognition());
        var failure = await Assert.ThrowsAsync<HttpRequestException>(() => backend.PredictAsync(
            AsrBackendFixture.LabelConfig, [AsrBackendFixture.Task(1, _clips.Clips.PathOf("president"))]));

        // The backend stays up: /health answers.
        using var health = await backend.Client.GetAsync("/health");
        Assert.True(health.IsSuccessStatusCode);
        return failure;
    }
}
