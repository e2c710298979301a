using HuggingFaceNer;
using LabelStudio.ML;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddHuggingFaceNer();
builder.Services.AddLabelStudioMLBackend<NerModel>(options => options.ModelClassName = "HuggingFaceNER");
var app = builder.Build();
app.MapLabelStudioMLBackend();
app.Run();

/// <summary>The entry point, visible to the end-to-end tests.</summary>
public partial class Program;
