using LabelStudio.ML;
using LabelStudio.ML.Examples.Vision;
using SegmentAnything2Image;

var builder = WebApplication.CreateBuilder(args);
// SAM2_ENCODER_PATH + SAM2_DECODER_PATH: a SAM 2 / 2.1 ONNX export; unset, GrabCut.
builder.Services.AddPromptSegmenter("SAM2");
builder.Services.AddLabelStudioMLBackend<Sam2ImageModel>(options => options.ModelClassName = "Sam2ImageModel");
var app = builder.Build();
app.MapLabelStudioMLBackend();
app.Run();

/// <summary>The entry point, visible to the end-to-end tests.</summary>
public partial class Program;
