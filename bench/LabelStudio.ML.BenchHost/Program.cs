using System.Text;
using LabelStudio.ML;
using LabelStudio.ML.BenchHost;

// BENCH_SERVER selects what this process serves:
//   trivial  — the SDK with a model that answers one fixed choice per task (pure protocol overhead)
//   slow     — the SDK with a model that takes SLOW_MODEL_MS per request (for the overload scenario)
//   baseline — bare Kestrel answering POST /predict with the same bytes the trivial model produces, and
//              POST /predict-parsed after parsing the whole body into a JSON tree (the large-body baseline)
var server = Environment.GetEnvironmentVariable("BENCH_SERVER") ?? "trivial";
var builder = WebApplication.CreateBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);

if (server == "baseline")
{
    var port = int.Parse(Environment.GetEnvironmentVariable("PORT") ?? "9090", System.Globalization.CultureInfo.InvariantCulture);
    builder.WebHost.ConfigureKestrel(kestrel =>
    {
        kestrel.Listen(System.Net.IPAddress.Loopback, port);
        kestrel.Limits.MaxRequestBodySize = 200L * 1024 * 1024;
    });
    var app = builder.Build();
    var answer = Encoding.UTF8.GetBytes(TrivialModel.FixedAnswer);
    app.MapGet("/health", () => Results.Text("{\"model_class\":\"Baseline\",\"status\":\"UP\"}", "application/json"));
    app.MapPost("/predict", async (HttpContext context) =>
    {
        // Read the request as the SDK does, so both pay for receiving the same bytes.
        await context.Request.Body.CopyToAsync(Stream.Null);
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = answer.Length;
        await context.Response.Body.WriteAsync(answer);
    });
    app.MapPost("/predict-parsed", async (HttpContext context) =>
    {
        // The whole body parsed into a JSON tree, as a server without a streaming reader would, then every task touched.
        var body = await System.Text.Json.Nodes.JsonNode.ParseAsync(context.Request.Body);
        var tasks = body!["tasks"]!.AsArray().Count;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync($"{{\"tasks\":{tasks}}}");
    });
    app.Run();
}
else
{
    if (server == "slow")
    {
        builder.Services.AddLabelStudioMLBackend<SlowModel>();
    }
    else
    {
        builder.Services.AddLabelStudioMLBackend<TrivialModel>();
    }

    var app = builder.Build();
    app.MapLabelStudioMLBackend();
    app.Run();
}
