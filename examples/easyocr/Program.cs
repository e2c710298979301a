using EasyOcr;
using LabelStudio.ML;
using LabelStudio.ML.Examples.Vision.Ocr;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddEasyOcr();
builder.Services.AddLabelStudioMLBackend<EasyOcrModel>(options => options.ModelClassName = "EasyOCR");
var app = builder.Build();
// Load the OCR engine now, so that missing models or language data stop the server with a clear message at startup.
app.Services.GetRequiredService<IOcrEngine>();
app.MapLabelStudioMLBackend();
app.Run();

/// <summary>The entry point, visible to the end-to-end tests.</summary>
public partial class Program;
