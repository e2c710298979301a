using LabelStudio.ML;
using LabelStudio.ML.Examples.JsNlp;
using Spacy;

var builder = WebApplication.CreateBuilder(args);
// compromise finds people, places and organizations; winkNLP dates, times, money, percentages, numbers, URLs, ….
builder.Services.AddJsEntityRecognizer([JsNlpModel.Compromise, JsNlpModel.Wink]);
builder.Services.AddLabelStudioMLBackend<SpacyNerModel>(options => options.ModelClassName = "SpacyMLBackend");
var app = builder.Build();
app.MapLabelStudioMLBackend();
app.Run();

/// <summary>The entry point, visible to the end-to-end tests.</summary>
public partial class Program;
