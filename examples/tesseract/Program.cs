using LabelStudio.ML;
using LabelStudio.ML.Examples.Vision.Ocr;
using TesseractOcrExample;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddTesseractBackend();
builder.Services.AddLabelStudioMLBackend<TesseractModel>(options => options.ModelClassName = "BBOXOCR");
var app = builder.Build();
// Load Tesseract now, so that a missing library or language stops the server with a clear message at startup.
app.Services.GetRequiredService<TesseractOcr>();
app.MapLabelStudioMLBackend();
app.Run();

/// <summary>The entry point, visible to the end-to-end tests.</summary>
public partial class Program;
