using BertClassifier;
using LabelStudio.ML;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddBertClassifier();
builder.Services.AddLabelStudioMLBackend<BertClassifierModel>(options => options.ModelClassName = "BertClassifier");
var app = builder.Build();
app.MapLabelStudioMLBackend();
app.Run();

/// <summary>The entry point, visible to the end-to-end tests.</summary>
public partial class Program;
