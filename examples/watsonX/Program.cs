using LabelStudio.ML;
using LabelStudio.ML.Examples.Llm;
using WatsonX;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddLlmProviders();
builder.Services.AddWatsonx();
builder.Services.AddLabelStudioMLBackend<WatsonxModel>(options => options.ModelClassName = "WatsonxLLM");
var app = builder.Build();
// Prompt settings errors (DEFAULT_PROMPT with the internal template) stop the start with their message.
app.Services.GetRequiredService<PromptSettings>();
app.MapLabelStudioMLBackend();
app.MapWatsonxDataUpload();
app.Run();

/// <summary>The entry point, visible to the end-to-end tests.</summary>
public partial class Program;
