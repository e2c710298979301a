using LabelStudio.ML.Examples.Vision;
using LabelStudio.ML.Testing;
using Microsoft.Extensions.DependencyInjection;
using OpenCvSharp;
using VisionExamples.Testing;
using Xunit;

namespace SegmentAnything2Image.Tests;

/// <summary>
/// segment_anything_2_image over HTTP: the SAM 2 adapter on a generated encoder (three outputs) and decoder whose
/// 256 × 256 masks cover the stretched image, and GrabCut when no model is configured.
/// </summary>
public sealed class Sam2Tests : IClassFixture<Sam2Tests.Models>
{
    private const string Config = """
        <View>
          <Image name="image" value="$image"/>
          <BrushLabels name="tag" toName="image">
            <Label value="Disc" background="#FF0000"/>
          </BrushLabels>
          <KeyPointLabels name="tag2" toName="image" smart="true">
            <Label value="Disc" smart="true" background="#000000" showInline="true"/>
          </KeyPointLabels>
          <RectangleLabels name="tag3" toName="image" smart="true">
            <Label value="Disc" background="#000000" showInline="true"/>
          </RectangleLabels>
        </View>
        """;

    private readonly Models _models;

    public Sam2Tests(Models models) => _models = models;

    [Fact]
    public async Task The_best_SAM2_mask_is_scaled_from_its_square_frame_to_the_image()
    {
        // A 128 × 64 image: the 256 × 256 mask frame is 2× its width and 4× its height, so the best mask's box
        // (64, 128, 128 × 64) in that frame is (32, 32, 64 × 16) in the image.
        var (png, _) = TestImages.Disc(128, 64, 64, 32, 20);
        await using var backend = await StartAsync();

        var results = await backend.PredictAsync(Config, [TestImages.Task(1, TestImages.DataUri(png))],
            SmartToolContext.Of(SmartToolContext.KeyPoint(50, 50, "Disc", width: 128, height: 64), SmartToolContext.Box(20, 20, 60, 60, "Disc", 128, 64)));

        var region = results[0]!["result"]!.AsArray().Single()!;
        Assert.InRange(TestImages.IntersectionOverUnion(TestImages.BrushMask(region), TestImages.BoxMask(128, 64, new Rect(32, 32, 64, 16))), 0.9, 1);
        Assert.Equal(0.8, region["score"]!.GetValue<double>(), 6);
        var segmenter = Assert.IsType<SamOnnxSegmenter>(backend.Services.GetRequiredService<IPromptSegmenter>());
        Assert.Equal(SamFamily.Sam2, segmenter.Family);

        // A second click on the same image reuses the three cached encoder outputs.
        await backend.PredictAsync(Config, [TestImages.Task(1, TestImages.DataUri(png))], SmartToolContext.Of(SmartToolContext.KeyPoint(40, 40, "Disc", width: 128, height: 64)));
        Assert.Equal(1, segmenter.EncoderRuns);
        Assert.Equal(((256L * 64 * 64) + (32L * 256 * 256) + (64L * 128 * 128)) * sizeof(float), segmenter.Cache.Bytes);
    }

    [Fact]
    public async Task A_SAM_v1_encoder_with_a_SAM2_decoder_stops_the_start_naming_the_encoder()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => TestBackend.StartAsync<Sam2ImageModel>(
            new Dictionary<string, string?> { ["SAM2_ENCODER_PATH"] = _models.SamV1Encoder, ["SAM2_DECODER_PATH"] = _models.Decoder }, s => s.AddPromptSegmenter("SAM2")));

        Assert.Contains(_models.SamV1Encoder, error.Message, StringComparison.Ordinal);
        Assert.Contains("high_res_feats_0", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_model_GrabCut_segments_the_box()
    {
        var (png, truth) = TestImages.Disc();
        await using var backend = await TestBackend.StartAsync<Sam2ImageModel>(services: s => s.AddPromptSegmenter("SAM2"));

        var results = await backend.PredictAsync(Config, [TestImages.Task(1, TestImages.DataUri(png))], SmartToolContext.Of(SmartToolContext.Box(25, 100.0 * 40 / 180, 50, 100.0 * 100 / 180, "Disc")));

        var region = results[0]!["result"]!.AsArray().Single()!;
        Assert.Equal("Disc", region["value"]!["brushlabels"]![0]!.GetValue<string>());
        Assert.InRange(TestImages.IntersectionOverUnion(TestImages.BrushMask(region), truth), 0.85, 1);
    }

    private Task<TestBackend> StartAsync() => TestBackend.StartAsync<Sam2ImageModel>(
        new Dictionary<string, string?> { ["SAM2_ENCODER_PATH"] = _models.Encoder, ["SAM2_DECODER_PATH"] = _models.Decoder }, s => s.AddPromptSegmenter("SAM2"));

    /// <summary>The generated models, written once for the class.</summary>
    public sealed class Models : IDisposable
    {
        private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("sam2-onnx-");

        public Models()
        {
            Encoder = Path.Combine(_folder.FullName, "encoder.onnx");
            Decoder = Path.Combine(_folder.FullName, "decoder.onnx");
            SamV1Encoder = Path.Combine(_folder.FullName, "sam-v1-encoder.onnx");
            File.WriteAllBytes(Encoder, SamModels.Sam2Encoder());
            File.WriteAllBytes(SamV1Encoder, SamModels.SamEncoder());
            File.WriteAllBytes(Decoder, SamModels.Sam2Decoder([new Rect(0, 0, 16, 16), new Rect(64, 128, 128, 64), new Rect(200, 0, 56, 56)], [0.1f, 0.8f, 0.3f]));
        }

        public string Encoder { get; }

        public string Decoder { get; }

        public string SamV1Encoder { get; }

        public void Dispose() => _folder.Delete(recursive: true);
    }
}
