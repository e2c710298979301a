using LabelStudio.ML;
using TimeseriesSegmenter;

var builder = WebApplication.CreateBuilder(args);
// One loaded model per (project, version), shared by every request.
builder.Services.AddSingleton<TrainedSegmenterCache>();
builder.Services.AddLabelStudioMLBackend<TimeSeriesSegmenterModel>(options => options.ModelClassName = "TimeSeriesSegmenter");
var app = builder.Build();
app.MapLabelStudioMLBackend();
app.Run();

/// <summary>The entry point, visible to the end-to-end tests.</summary>
public partial class Program;
