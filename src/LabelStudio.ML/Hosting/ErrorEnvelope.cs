using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace LabelStudio.ML;

/// <summary>
/// The JSON error body of SPEC §2.0.3: <c>{"detail", "request", "result": {"traceback"}, "status"}</c>, the same for
/// every endpoint and every failure so that Label Studio and people read one shape.
/// </summary>
internal static class ErrorEnvelope
{
    public static JsonObject Create(HttpRequest request, int status, string detail, string traceback)
    {
        var query = new JsonObject();
        foreach (var (key, values) in request.Query)
        {
            query[key] = values.Count > 0 ? values[0] : string.Empty;
        }

        return new JsonObject
        {
            ["detail"] = detail,
            ["request"] = query,
            ["result"] = new JsonObject { ["traceback"] = traceback },
            ["status"] = status,
        };
    }

    public static Task WriteAsync(HttpContext context, int status, string detail, string traceback) =>
        JsonBody.WriteAsync(context.Response, status, Create(context.Request, status, detail, traceback), context.RequestAborted);
}
