using Xunit;
using Xunit.Abstractions;

namespace NemoAsr.Tests;

/// <summary>Synthesised English speech is transcribed by PocketSphinx into a textarea pre-annotation per task.</summary>
public sealed class RecognitionTests(AsrBackendFixture fixture, ITestOutputHelper output) : IClassFixture<AsrBackendFixture>
{
    // Measured: 16 of the 16 key words are recognised; the floor leaves room for small differences between machines.
    private const double RecallFloor = 0.75;

    [Fact]
    public async Task Spoken_sentences_are_transcribed_with_most_key_words()
    {
        var clips = SpokenClips.Sentences;
        var tasks = clips.Select((clip, index) => AsrBackendFixture.Task(index + 1, fixture.Clips.PathOf(clip.Name)));

        var predictions = await fixture.Backend.GetPredictionsAsync(AsrBackendFixture.LabelConfig, tasks);

        Assert.Equal(clips.Length, predictions.Count);
        int expected = 0, heard = 0;
        for (var i = 0; i < clips.Length; i++)
        {
            var region = Assert.Single(predictions[i].Regions);
            Assert.Equal(("transcription", "audio", "textarea"), (region.FromName, region.ToName, region.Type));
            var transcript = Assert.Single(region.Texts);
            var words = transcript.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
            var found = clips[i].KeyWords.Count(words.Contains);
            output.WriteLine($"{clips[i].Sentence} -> {transcript} ({found}/{clips[i].KeyWords.Length} key words, score {region.Score})");
            expected += clips[i].KeyWords.Length;
            heard += found;
            Assert.InRange(region.Score!.Value, 0, 1);
            Assert.Equal(region.Score, predictions[i].Score);
        }

        var recall = (double)heard / expected;
        output.WriteLine($"key-word recall {heard}/{expected} = {recall:P1}");
        Assert.True(recall >= RecallFloor, $"key-word recall {recall:P1} is below {RecallFloor:P0}");
    }

    [Fact]
    public async Task Stereo_float_audio_in_a_data_uri_is_downmixed_and_transcribed()
    {
        var (samples, rate) = WavFiles.ReadMono16(fixture.Clips.PathOf("president"));
        var stereo = WavFiles.StereoFloatExtensible(samples, rate);
        var uri = "data:audio/wav;base64," + Convert.ToBase64String(stereo);

        var predictions = await fixture.Backend.GetPredictionsAsync(AsrBackendFixture.LabelConfig, [AsrBackendFixture.Task(9, uri)]);

        var transcript = Assert.Single(Assert.Single(predictions[0].Regions).Texts);
        output.WriteLine(transcript);
        Assert.Contains("president", transcript, StringComparison.Ordinal);
        Assert.Contains("united states", transcript, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_44_kHz_24_bit_file_is_resampled_and_transcribed()
    {
        var (samples, rate) = WavFiles.ReadMono16(fixture.Clips.PathOf("counting"));
        var path = Path.Combine(fixture.Clips.Folder, "counting-44k.wav");
        await File.WriteAllBytesAsync(path, WavFiles.Doubled24Bit(samples, rate));

        var predictions = await fixture.Backend.GetPredictionsAsync(AsrBackendFixture.LabelConfig, [AsrBackendFixture.Task(11, path)]);

        var transcript = Assert.Single(Assert.Single(predictions[0].Regions).Texts);
        output.WriteLine(transcript);
        var words = transcript.Split(' ');
        var keyWords = SpokenClips.Sentences.Single(clip => clip.Name == "counting").KeyWords;
        Assert.True(keyWords.Count(words.Contains) >= 6, $"'{transcript}' has fewer than 6 of {string.Join(' ', keyWords)}");
    }

    [Fact]
    public async Task Silence_gets_an_empty_prediction()
    {
        var silence = WavFiles.StereoFloatExtensible(new short[16000], 16000);
        var uri = "data:audio/wav;base64," + Convert.ToBase64String(silence);

        var predictions = await fixture.Backend.GetPredictionsAsync(AsrBackendFixture.LabelConfig, [AsrBackendFixture.Task(10, uri)]);

        Assert.Empty(predictions[0].Regions);
    }
}
