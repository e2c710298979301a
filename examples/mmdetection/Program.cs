using MmDetection;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddMmDetection();
builder.Services.AddLabelStudioMLBackend<MmDetectionModel>(options => options.ModelClassName = "MMDetection");
var app = builder.Build();
// Load the user's model now: a wrong file stops the server at once with a message naming it and the expected signature.
app.Services.GetRequiredService<UserDetector>();
app.MapLabelStudioMLBackend();
app.Run();

/// <summary>The entry point, visible to the end-to-end tests.</summary>
public partial class Program;
