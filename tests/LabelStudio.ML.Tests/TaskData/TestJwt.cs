using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace LabelStudio.ML.Tests.TaskData;

/// <summary>Issues and checks HS256 JWTs as Label Studio's token endpoints do (the client never verifies them).</summary>
internal static class TestJwt
{
    public static string Issue(byte[] key, string tokenType, DateTimeOffset? expiresAt)
    {
        var header = Encode(new JsonObject { ["alg"] = "HS256", ["typ"] = "JWT" });
        var payload = new JsonObject { ["token_type"] = tokenType, ["jti"] = Guid.NewGuid().ToString("N"), ["user_id"] = 1 };
        if (expiresAt is { } exp)
        {
            payload["exp"] = exp.ToUnixTimeSeconds();
        }

        var unsigned = $"{header}.{Encode(payload)}";
        return $"{unsigned}.{Base64Url.EncodeToString(HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(unsigned)))}";
    }

    /// <summary>The payload when the signature is right, else null.</summary>
    public static JsonObject? Verify(byte[] key, string token)
    {
        var parts = token.Split('.');
        if (parts.Length != 3)
        {
            return null;
        }

        var expected = Base64Url.EncodeToString(HMACSHA256.HashData(key, Encoding.ASCII.GetBytes($"{parts[0]}.{parts[1]}")));
        return expected == parts[2] ? JsonNode.Parse(Base64Url.DecodeFromChars(parts[1]))?.AsObject() : null;
    }

    private static string Encode(JsonObject json) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(json.ToJsonString()));
}
