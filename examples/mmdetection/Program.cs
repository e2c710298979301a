using MmDetection;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddMmDetection();
builder.Services.AddLabelStudioMLBackend<MmDetectionModel>(options => options.ModelClassName = "MMDetection");
// AddMmDetection loads the user's model (ONNX_MODEL_FILE, a path or a URL) when the server starts: a wrong file stops
// it at once with a message naming the file and the expected signatures.
var app = builder.Build();
app.MapLabelStudioMLBackend();
app.Run();

/// <summary>The entry point, visible to the end-to-end tests.</summary>
public partial class Program;
