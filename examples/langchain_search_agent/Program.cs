using LabelStudio.ML;
using LabelStudio.ML.Examples.Llm;
using LangchainSearchAgent;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddLlmProviders();
builder.Services.AddSingleton(services => AgentSettings.FromConfiguration(services.GetRequiredService<IConfiguration>()));
builder.Services.AddSingleton<GoogleSearch>();
builder.Services.AddSingleton<LocalIndexSearch>();
builder.Services.AddSingleton<SearchTools>();
builder.Services.AddLabelStudioMLBackend<SearchAgentModel>(options => options.ModelClassName = "LangchainSearchAgent");
var app = builder.Build();
app.Services.GetRequiredService<AgentSettings>();
app.MapLabelStudioMLBackend();
app.Run();

/// <summary>The entry point, visible to the end-to-end tests.</summary>
public partial class Program;
