using System.Text.Json;
using System.Text.Json.Nodes;
using LabelStudio.ML;

namespace WatsonX;

/// <summary>
/// <c>POST /data/upload</c>: the webhook address to give Label Studio (Settings → Webhooks) for the watsonx.data sink,
/// beside the ML backend's own endpoints (and behind the same basic auth).
/// </summary>
public static class DataUploadEndpoint
{
    public const string Path = "/data/upload";

    public static WebApplication MapWatsonxDataUpload(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapPost(Path, async (HttpContext context, WatsonxDataSink sink) =>
        {
            JsonObject payload;
            try
            {
                payload = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted) as JsonObject
                    ?? throw new JsonException("the body is not a JSON object");
            }
            catch (JsonException ex)
            {
                return Error(400, $"The webhook body is not a JSON object ({ex.Message.Split(" Path:")[0]}).");
            }

            try
            {
                return Results.Json(await sink.HandleAsync(payload, context.RequestAborted));
            }
            catch (AnswerException ex)
            {
                return Error(ex.StatusCode, ex.Message);
            }
        });
        return app;
    }

    private static IResult Error(int status, string detail) => Results.Json(new JsonObject { ["detail"] = detail, ["status"] = status }, statusCode: status);
}
