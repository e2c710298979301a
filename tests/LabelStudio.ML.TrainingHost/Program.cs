using LabelStudio.ML;
using LabelStudio.ML.TrainingHost;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddLabelStudioMLBackend<TrainableModel>();
var app = builder.Build();
app.MapLabelStudioMLBackend();
app.Run();
