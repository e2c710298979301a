using System.Text.Json;
using System.Text.Json.Nodes;

namespace LabelStudio.ML;

/// <summary>Project ids from what Label Studio sends (SPEC §4.2).</summary>
internal static class ProjectIds
{
    /// <summary>
    /// The id part of a project uid: the text before the first <c>.</c> (<c>"7.1712586036"</c> → <c>"7"</c>,
    /// <c>7</c> → <c>"7"</c>). The creation-time half is dropped, as in the original SDK.
    /// </summary>
    public static string FromUid(JsonValue uid)
    {
        var text = uid.GetValueKind() == JsonValueKind.String ? uid.GetValue<string>() : uid.ToJsonString();
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? text : text[..dot];
    }
}
