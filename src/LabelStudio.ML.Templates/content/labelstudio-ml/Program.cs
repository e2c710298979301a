using LabelStudio.ML;

// The server Label Studio talks to. Settings come from the environment (PORT, MODEL_DIR, BASIC_AUTH_USER, …)
// or the command line (--port 9091), exactly as in the original Python SDK.
var builder = WebApplication.CreateBuilder(args);

// Register what the model needs once per process here (weights, sessions, HTTP clients), e.g.
// builder.Services.AddSingleton<MyClassifier>();
builder.Services.AddLabelStudioMLBackend<my_ml_backend.NewModel>();

var app = builder.Build();
app.MapLabelStudioMLBackend();
app.Run();
