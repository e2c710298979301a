using Gliner;
using LabelStudio.ML;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddGliner();
builder.Services.AddLabelStudioMLBackend<GlinerModel>(options => options.ModelClassName = "GLiNER");
var app = builder.Build();
app.MapLabelStudioMLBackend();
app.Run();

/// <summary>The entry point, visible to the end-to-end tests.</summary>
public partial class Program;
