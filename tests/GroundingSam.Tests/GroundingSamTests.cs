using System.Text.Json.Nodes;
using LabelStudio.ML.Examples.Vision;
using LabelStudio.ML.Testing;
using OpenCvSharp;
using VisionExamples.Testing;
using Xunit;

namespace GroundingSam.Tests;

/// <summary>grounding_sam over HTTP: prompt → boxes → masks, offline (cascades + GrabCut) and with generated ONNX models.</summary>
public sealed class GroundingSamTests : IDisposable
{
    private const string Config = """
        <View>
          <Image name="image" value="$image"/>
          <TextArea name="prompt" toName="image" editable="true" rows="2" maxSubmissions="1" showSubmitButton="true"/>
          <RectangleLabels name="label" toName="image">
            <Label value="Face" background="orange"/>
          </RectangleLabels>
          <BrushLabels name="label_brush" toName="image">
            <Label value="Face" background="orange"/>
          </BrushLabels>
        </View>
        """;

    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("grounding-sam-");

    [Fact]
    public async Task The_prompt_face_gives_a_brush_mask_of_the_face_inside_its_box()
    {
        await using var backend = await TestBackend.StartAsync<GroundingSamModel>(services: Register);

        var results = await backend.PredictAsync(Config, [Portrait()], SmartToolContext.Of(SmartToolContext.Prompt("face")));

        var region = results[0]!["result"]!.AsArray().Single()!;
        Assert.Equal("brushlabels", region["type"]!.GetValue<string>());
        Assert.Equal("label_brush", region["from_name"]!.GetValue<string>());
        Assert.Equal("Face", region["value"]!["brushlabels"]![0]!.GetValue<string>());
        var mask = TestImages.BrushMask(region);
        var face = TestImages.BoxMask(512, 512, TestImages.PortraitFace);
        var inside = mask.Zip(face).Count(p => p.First != 0 && p.Second != 0);
        var covered = mask.Count(p => p != 0);
        // GrabCut keeps to the detected box (within a few pixels of the known face box) and fills a good part of it.
        Assert.InRange((double)inside / covered, 0.95, 1);
        Assert.InRange((double)covered / face.Count(p => p != 0), 0.3, 1);
    }

    [Fact]
    public async Task A_batch_call_without_a_prompt_gets_no_predictions()
    {
        await using var backend = await TestBackend.StartAsync<GroundingSamModel>(services: Register);

        Assert.Empty(await backend.PredictAsync(Config, [Portrait()]));
    }

    [Fact]
    public async Task With_both_models_each_detected_box_is_segmented_by_SAM()
    {
        var dino = Path.Combine(_folder.FullName, "dino.onnx");
        var encoder = Path.Combine(_folder.FullName, "encoder.onnx");
        var decoder = Path.Combine(_folder.FullName, "decoder.onnx");
        File.WriteAllLines(Path.Combine(_folder.FullName, "vocab.txt"), GroundingDinoModels.Vocabulary);
        File.WriteAllBytes(dino, GroundingDinoModels.Model([[-9, 3, -9, -9]], [[0.5f, 0.5f, 0.5f, 0.5f]]));
        File.WriteAllBytes(encoder, SamModels.SamEncoder());
        var samMask = new Rect(200, 180, 100, 120);
        File.WriteAllBytes(decoder, SamModels.SamDecoder(512, 512, [samMask], [0.7f]));
        await using var backend = await TestBackend.StartAsync<GroundingSamModel>(
            new Dictionary<string, string?> { ["GROUNDING_DINO_MODEL"] = dino, ["SAM_ENCODER_PATH"] = encoder, ["SAM_DECODER_PATH"] = decoder }, Register);

        var results = await backend.PredictAsync(Config, [Portrait()], SmartToolContext.Of(SmartToolContext.Prompt("face")));

        var region = results[0]!["result"]!.AsArray().Single()!;
        Assert.Equal(TestImages.BoxMask(512, 512, samMask), TestImages.BrushMask(region));
        Assert.Equal(0.7, region["score"]!.GetValue<double>(), 6);
        Assert.Equal("Face", region["value"]!["brushlabels"]![0]!.GetValue<string>());
    }

    public void Dispose() => _folder.Delete(recursive: true);

    private static void Register(Microsoft.Extensions.DependencyInjection.IServiceCollection services) =>
        services.AddGroundedDetector().AddPromptSegmenter("SAM");

    private static JsonObject Portrait() => TestImages.Task(1, TestImages.DataUri(File.ReadAllBytes(TestImages.PortraitPath), "image/jpeg"));
}
