using InteractiveSubstringMatching;
using LabelStudio.ML;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddLabelStudioMLBackend<SubstringMatchingModel>(options => options.ModelClassName = "InteractiveSubstringMatching");
var app = builder.Build();
app.MapLabelStudioMLBackend();
app.Run();

/// <summary>The entry point, visible to the end-to-end tests.</summary>
public partial class Program;
