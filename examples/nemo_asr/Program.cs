using LabelStudio.ML;
using NemoAsr;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddSpeechRecognition();
builder.Services.AddLabelStudioMLBackend<NemoAsrModel>(options => options.ModelClassName = "NemoAsr");
var app = builder.Build();
app.MapLabelStudioMLBackend();
app.Run();

/// <summary>The entry point, visible to the end-to-end tests.</summary>
public partial class Program;
