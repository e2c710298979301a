using LabelStudio.ML.Examples.Vision;
using LabelStudio.ML.Testing;
using Microsoft.Extensions.DependencyInjection;
using OpenCvSharp;
using VisionExamples.Testing;
using Xunit;

namespace SegmentAnything.Tests;

/// <summary>
/// The SAM ONNX path on a generated encoder and decoder with segment_anything's export signature: the decoder's
/// three masks and IoU predictions are constants, so the answer must be the mask with the best predicted IoU.
/// </summary>
public sealed class SamOnnxTests : IClassFixture<SamOnnxTests.Models>
{
    private static readonly Rect BestBox = new(60, 50, 80, 70);
    private readonly Models _models;

    public SamOnnxTests(Models models) => _models = models;

    [Fact]
    public async Task The_mask_with_the_best_predicted_iou_comes_back_with_that_score()
    {
        var (png, _) = TestImages.Disc();
        await using var backend = await StartAsync();

        var results = await backend.PredictAsync(GrabCutTests.Config, [TestImages.Task(1, TestImages.DataUri(png))], SmartToolContext.Of(SmartToolContext.KeyPoint(50, 50, "Banana")));

        var region = results[0]!["result"]!.AsArray().Single()!;
        Assert.Equal(TestImages.BoxMask(200, 180, BestBox), TestImages.BrushMask(region));
        Assert.Equal(0.9, region["score"]!.GetValue<double>(), 6);
        Assert.Equal("Banana", region["value"]!["brushlabels"]![0]!.GetValue<string>());
        Assert.Equal(SamFamily.Sam, Segmenter(backend).Family);
    }

    [Fact]
    public async Task An_encoder_and_decoder_given_by_URL_give_the_same_mask_and_are_downloaded_once_per_MODEL_DIR()
    {
        var (png, _) = TestImages.Disc();
        await using var server = await TextExamples.Testing.LoopbackFileServer.StartAsync();
        var urls = new Dictionary<string, string?>
        {
            ["SAM_ENCODER_PATH"] = server.AddFile("sam", _models.Encoder).AbsoluteUri,
            ["SAM_DECODER_PATH"] = server.AddFile("sam", _models.Decoder).AbsoluteUri,
        };
        var modelDir = Directory.CreateTempSubdirectory("sam-url-");
        try
        {
            foreach (var start in new[] { 1, 2 })
            {
                await using var backend = await TestBackend.StartAsync<SegmentAnythingModel>(urls, s => s.AddPromptSegmenter("SAM"), modelDir: modelDir.FullName);

                var results = await backend.PredictAsync(GrabCutTests.Config, [TestImages.Task(1, TestImages.DataUri(png))], SmartToolContext.Of(SmartToolContext.KeyPoint(50, 50, "Banana")));

                var region = results[0]!["result"]!.AsArray().Single()!;
                Assert.Equal(TestImages.BoxMask(200, 180, BestBox), TestImages.BrushMask(region));
                Assert.Equal(0.9, region["score"]!.GetValue<double>(), 6);
                Assert.Equal(1, server.Requests("sam/encoder.onnx"));
                Assert.Equal(1, server.Requests("sam/decoder.onnx"));
            }
        }
        finally
        {
            modelDir.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task A_second_click_on_the_same_image_does_not_run_the_encoder_again()
    {
        var (first, _) = TestImages.Disc(seed: 1);
        var (second, _) = TestImages.Disc(seed: 2);
        await using var backend = await StartAsync();
        var segmenter = Segmenter(backend);

        await backend.PredictAsync(GrabCutTests.Config, [TestImages.Task(1, TestImages.DataUri(first))], SmartToolContext.Of(SmartToolContext.KeyPoint(50, 50, "Banana")));
        await backend.PredictAsync(GrabCutTests.Config, [TestImages.Task(1, TestImages.DataUri(first))], SmartToolContext.Of(SmartToolContext.KeyPoint(50, 50, "Banana"), SmartToolContext.KeyPoint(10, 10, "Banana", positive: false)));
        Assert.Equal(1, segmenter.EncoderRuns);

        await backend.PredictAsync(GrabCutTests.Config, [TestImages.Task(2, TestImages.DataUri(second))], SmartToolContext.Of(SmartToolContext.KeyPoint(50, 50, "Banana")));
        Assert.Equal(2, segmenter.EncoderRuns);
        Assert.Equal(2, segmenter.Cache.Count);
        Assert.Equal(2L * 256 * 64 * 64 * sizeof(float), segmenter.Cache.Bytes);
    }

    [Fact]
    public async Task The_cache_keeps_at_most_SAM_CACHE_ENTRIES_embeddings_least_recently_used_first_out()
    {
        var (a, _) = TestImages.Disc(seed: 1);
        var (b, _) = TestImages.Disc(seed: 2);
        await using var backend = await StartAsync(new() { ["SAM_CACHE_ENTRIES"] = "1" });
        var segmenter = Segmenter(backend);

        foreach (var image in new[] { a, b, a, a })
        {
            await backend.PredictAsync(GrabCutTests.Config, [TestImages.Task(1, TestImages.DataUri(image))], SmartToolContext.Of(SmartToolContext.KeyPoint(50, 50, "Banana")));
        }

        // a (miss), b (miss, evicts a), a (miss, evicts b), a (hit).
        Assert.Equal(3, segmenter.EncoderRuns);
        Assert.Equal(1, segmenter.Cache.Count);
    }

    [Fact]
    public async Task A_decoder_without_the_SAM_signature_stops_the_start_naming_the_file_and_the_signature()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => StartAsync(new() { ["SAM_DECODER_PATH"] = _models.Encoder }));

        Assert.Contains(_models.Encoder, error.Message, StringComparison.Ordinal);
        Assert.Contains("image_embeddings [1,256,64,64]", error.Message, StringComparison.Ordinal);
    }

    private Task<TestBackend> StartAsync(Dictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?> { ["SAM_ENCODER_PATH"] = _models.Encoder, ["SAM_DECODER_PATH"] = _models.Decoder };
        foreach (var (key, value) in extra ?? [])
        {
            settings[key] = value;
        }

        return TestBackend.StartAsync<SegmentAnythingModel>(settings, s => s.AddPromptSegmenter("SAM"));
    }

    private static SamOnnxSegmenter Segmenter(TestBackend backend) => Assert.IsType<SamOnnxSegmenter>(backend.Services.GetRequiredService<IPromptSegmenter>());

    /// <summary>The generated models, written once for the class.</summary>
    public sealed class Models : IDisposable
    {
        private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("sam-onnx-");

        public Models()
        {
            Encoder = Path.Combine(_folder.FullName, "encoder.onnx");
            Decoder = Path.Combine(_folder.FullName, "decoder.onnx");
            File.WriteAllBytes(Encoder, SamModels.SamEncoder());
            File.WriteAllBytes(Decoder, SamModels.SamDecoder(200, 180, [new Rect(0, 0, 10, 10), BestBox, new Rect(100, 100, 50, 50)], [0.2f, 0.9f, 0.5f]));
        }

        public string Encoder { get; }

        public string Decoder { get; }

        public void Dispose() => _folder.Delete(recursive: true);
    }
}
