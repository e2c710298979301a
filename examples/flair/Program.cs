using Flair;
using LabelStudio.ML;
using LabelStudio.ML.Examples.JsNlp;

var builder = WebApplication.CreateBuilder(args);
// Flair's CoNLL-03 tagger knows people, organizations, locations and MISC; compromise finds the first three.
builder.Services.AddJsEntityRecognizer([JsNlpModel.Compromise]);
builder.Services.AddLabelStudioMLBackend<FlairNerModel>(options => options.ModelClassName = "FlairMLBackend");
var app = builder.Build();
app.MapLabelStudioMLBackend();
app.Run();

/// <summary>The entry point, visible to the end-to-end tests.</summary>
public partial class Program;
