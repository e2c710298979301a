using System.Text.Json;

namespace LabelStudio.ML;

/// <summary>How a <c>FitAsync</c> return value is written: snake_case names, as Label Studio writes its own JSON.</summary>
internal static class FitResultJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.General)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };
}
