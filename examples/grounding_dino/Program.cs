using GroundingDino;
using LabelStudio.ML;
using LabelStudio.ML.Examples.Vision;

var builder = WebApplication.CreateBuilder(args);
// GROUNDING_DINO_MODEL: a Grounding DINO ONNX export (vocab.txt next to it); unset, OpenCV cascades chosen by the prompt.
builder.Services.AddGroundedDetector();
builder.Services.AddLabelStudioMLBackend<GroundingDinoModel>(options => options.ModelClassName = "GroundingDINO");
var app = builder.Build();
app.MapLabelStudioMLBackend();
app.Run();

/// <summary>The entry point, visible to the end-to-end tests.</summary>
public partial class Program;
