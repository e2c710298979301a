using LabelStudio.ML;
using LabelStudio.ML.Examples.Llm;
using LlmInteractive;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddLlmProviders();
builder.Services.AddImageOcr();
builder.Services.AddSingleton(services => InteractiveSettings.FromConfiguration(services.GetRequiredService<IConfiguration>()));
builder.Services.AddLabelStudioMLBackend<LlmInteractiveModel>(options => options.ModelClassName = "OpenAIInteractive");
var app = builder.Build();
// Settings errors (DEFAULT_PROMPT with the internal template, a bad TEMPERATURE) stop the start with their message.
app.Services.GetRequiredService<InteractiveSettings>();
app.MapLabelStudioMLBackend();
app.Run();

/// <summary>The entry point, visible to the end-to-end tests.</summary>
public partial class Program;
