using LabelStudio.ML;
using SklearnTextClassifier;

var builder = WebApplication.CreateBuilder(args);
// One loaded model per (project, version), shared by every request.
builder.Services.AddSingleton<TrainedClassifierCache>();
builder.Services.AddLabelStudioMLBackend<TextClassifierModel>(options => options.ModelClassName = "SklearnTextClassifier");
var app = builder.Build();
app.MapLabelStudioMLBackend();
app.Run();

/// <summary>The entry point, visible to the end-to-end tests.</summary>
public partial class Program;
