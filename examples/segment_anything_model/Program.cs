using LabelStudio.ML;
using LabelStudio.ML.Examples.Vision;
using SegmentAnything;

var builder = WebApplication.CreateBuilder(args);
// SAM_ENCODER_PATH + SAM_DECODER_PATH: a SAM / MobileSAM ONNX export; unset, GrabCut.
builder.Services.AddPromptSegmenter("SAM");
builder.Services.AddLabelStudioMLBackend<SegmentAnythingModel>(options => options.ModelClassName = "SegmentAnythingModel");
var app = builder.Build();
app.MapLabelStudioMLBackend();
app.Run();

/// <summary>The entry point, visible to the end-to-end tests.</summary>
public partial class Program;
