using System.Text.Json;
using System.Text.Json.Nodes;

namespace LabelStudio.ML;

/// <summary>What <c>FitAsync</c> returned, written as JSON with snake_case names, as Label Studio writes its own JSON.</summary>
internal static class FitResult
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.General)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    /// <summary>
    /// The outcome as JSON; a value that cannot be written (a cycle, NaN, an unsupported type) becomes
    /// <c>{"error": "…"}</c>, as the original SDK reports it (SPEC QUIRK-13).
    /// </summary>
    public static JsonNode? ToJson(object? outcome)
    {
        try
        {
            var result = outcome switch
            {
                null => null,
                JsonNode node => node.DeepClone(),
                _ => JsonSerializer.SerializeToNode(outcome, outcome.GetType(), Options),
            };
            NonFiniteNumberGuard.Check(result);
            return result;
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException or InvalidOperationException or ArgumentException)
        {
            throw new FitResultException(ex.Message, ex);
        }
    }

    /// <summary>The synchronous webhook answer: <c>{"result": …, "status": "ok"}</c> or <c>{"error": …, "status": "error"}</c> (still 201).</summary>
    public static JsonObject Answer(object? outcome)
    {
        try
        {
            return new JsonObject { ["result"] = ToJson(outcome), ["status"] = "ok" };
        }
        catch (FitResultException ex)
        {
            return new JsonObject { ["error"] = ex.Message, ["status"] = "error" };
        }
    }
}

/// <summary>A <c>FitAsync</c> return value that cannot be written as JSON.</summary>
internal sealed class FitResultException(string message, Exception innerException) : Exception(message, innerException);
