using GroundingSam;
using LabelStudio.ML;
using LabelStudio.ML.Examples.Vision;

var builder = WebApplication.CreateBuilder(args);
// GROUNDING_DINO_MODEL: a Grounding DINO ONNX export; unset, OpenCV cascades chosen by the prompt.
builder.Services.AddGroundedDetector();
// SAM_ENCODER_PATH + SAM_DECODER_PATH: a SAM / MobileSAM / SAM 2 ONNX export; unset, GrabCut inside each box.
builder.Services.AddPromptSegmenter("SAM");
builder.Services.AddLabelStudioMLBackend<GroundingSamModel>(options => options.ModelClassName = "GroundingSAM");
var app = builder.Build();
app.MapLabelStudioMLBackend();
app.Run();

/// <summary>The entry point, visible to the end-to-end tests.</summary>
public partial class Program;
