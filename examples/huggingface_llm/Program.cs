using HuggingFaceLlm;
using LabelStudio.ML;
using LabelStudio.ML.Examples.Llm;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddLlmProviders();
builder.Services.AddSingleton<LocalGgufModel>();
builder.Services.AddSingleton<TextGenerator>();
builder.Services.AddLabelStudioMLBackend<TextContinuationModel>(options => options.ModelClassName = "HuggingFaceLLM");
var app = builder.Build();
app.MapLabelStudioMLBackend();
app.Run();

/// <summary>The entry point, visible to the end-to-end tests.</summary>
public partial class Program;
