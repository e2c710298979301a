using LabelStudio.ML;
using LabelStudio.ML.TrainingHost;

var builder = WebApplication.CreateBuilder(args);
if (builder.Configuration["MODEL_CLASS"] == "warmed")
{
    builder.Services.AddLabelStudioMLBackend<WarmedTrainableModel>();
}
else
{
    builder.Services.AddLabelStudioMLBackend<TrainableModel>();
}

var app = builder.Build();
app.MapLabelStudioMLBackend();
app.Run();
