using System.Text.Json.Nodes;
using LabelStudio.ML.Examples.Vision;
using LabelStudio.ML.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace TesseractOcrExample.Tests;

/// <summary>Starts the tesseract backend and builds the requests Label Studio sends when a box is drawn.</summary>
internal static class TesseractBackend
{
    public const string LabelConfig = """
        <View>
          <Image name="image" value="$ocr"/>
          <Labels name="label" toName="image">
            <Label value="Text" background="green"/>
            <Label value="Handwriting" background="blue"/>
          </Labels>
          <RectangleLabels name="bbox" toName="image" smart="true" strokeWidth="3">
            <Label value="Text" background="green"/>
            <Label value="Handwriting" background="blue"/>
          </RectangleLabels>
          <TextArea name="transcription" toName="image" editable="true" perRegion="true" required="true" maxSubmissions="1" rows="5" placeholder="Recognized Text" displayMode="region-list"/>
        </View>
        """;

    public static Task<TestBackend> StartAsync(long maxImagePixels = VisionOptions.DefaultMaxImagePixels) =>
        TestBackend.StartAsync<TesseractModel>(
            services: services => services.AddSingleton(new VisionOptions { MaxImagePixels = maxImagePixels }).AddTesseractBackend());

    public static JsonObject Task(long id, string image) => new() { ["id"] = id, ["data"] = new JsonObject { ["ocr"] = image } };

    /// <summary>The context of a box drawn with the smart RectangleLabels tool, in percent of the image, as the frontend serializes it.</summary>
    public static JsonObject BoxContext(string id, double x, double y, double width, double height, int imageWidth, int imageHeight, string label = "Text") =>
        new()
        {
            ["result"] = new JsonArray(Box(id, x, y, width, height, imageWidth, imageHeight, label)),
        };

    public static JsonObject Box(string id, double x, double y, double width, double height, int imageWidth, int imageHeight, string label = "Text") =>
        new()
        {
            ["original_width"] = imageWidth,
            ["original_height"] = imageHeight,
            ["image_rotation"] = 0,
            ["value"] = new JsonObject
            {
                ["x"] = x,
                ["y"] = y,
                ["width"] = width,
                ["height"] = height,
                ["rotation"] = 0,
                ["rectanglelabels"] = new JsonArray(label),
            },
            ["id"] = id,
            ["from_name"] = "bbox",
            ["to_name"] = "image",
            ["type"] = "rectanglelabels",
            ["origin"] = "manual",
        };
}
