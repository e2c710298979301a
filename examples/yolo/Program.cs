using Yolo;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddYolo();
builder.Services.AddLabelStudioMLBackend<YoloModel>(options => options.ModelClassName = "YOLO");
var app = builder.Build();
app.MapLabelStudioMLBackend();
app.Run();

/// <summary>The entry point, visible to the end-to-end tests.</summary>
public partial class Program;
