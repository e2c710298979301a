using EasyOcr.PaddleOcr;
using LabelStudio.ML.Examples.Vision;
using LabelStudio.ML.Examples.Vision.Ocr;
using LabelStudio.ML.Testing;
using Microsoft.Extensions.DependencyInjection;
using OcrExamples.Testing;

namespace EasyOcr.Tests;

/// <summary>Both engines, loaded once for a test class, and backends that use them.</summary>
public sealed class OcrEngines : IDisposable
{
    public const string PolygonConfig = """
        <View>
          <Image name="image" value="$image"/>
          <Labels name="label" toName="image">
            <Label value="Text" background="green"/>
          </Labels>
          <Polygon name="poly" toName="image" strokeWidth="3" pointSize="small" opacity="0.9"/>
          <TextArea name="transcription" toName="image" editable="true" perRegion="true" required="true" maxSubmissions="1" rows="5" placeholder="Recognized Text" displayMode="region-list"/>
        </View>
        """;

    public const string RectangleConfig = """
        <View>
          <Image name="image" value="$image"/>
          <Labels name="label" toName="image">
            <Label value="Text"/>
            <Label value="Handwriting"/>
          </Labels>
          <Rectangle name="bbox" toName="image" strokeWidth="3"/>
          <TextArea name="transcription" toName="image" editable="true" perRegion="true" required="true" maxSubmissions="1" rows="5" placeholder="Recognized Text" displayMode="region-list"/>
        </View>
        """;

    public OcrEngines()
    {
        // Drawing the test images loads OpenCV; libtesseract must be in the process first.
        TesseractOcr.PreloadLibrary();
        PaddleOcr = PaddleOcrEngine.Load(new EasyOcrSettings().ModelsDirectory, useAngleClassifier: true);
        Tesseract = new TesseractOcr(new TesseractOptions());
    }

    public PaddleOcrEngine PaddleOcr { get; }

    public TesseractOcr Tesseract { get; }

    public Task<TestBackend> StartAsync(IOcrEngine engine, long maxImagePixels = VisionOptions.DefaultMaxImagePixels) =>
        TestBackend.StartAsync<EasyOcrModel>(
            services: services => services.AddSingleton(engine).AddSingleton(new VisionOptions { MaxImagePixels = maxImagePixels }).AddEasyOcr());

    public static System.Text.Json.Nodes.JsonObject Task(long id, TextImage image) => Task(id, image.DataUri);

    public static System.Text.Json.Nodes.JsonObject Task(long id, string image) =>
        new() { ["id"] = id, ["data"] = new System.Text.Json.Nodes.JsonObject { ["image"] = image } };

    public void Dispose()
    {
        PaddleOcr.Dispose();
        Tesseract.Dispose();
    }
}
