using System.Buffers.Text;
using System.Text.Json;

namespace LabelStudio.ML;

/// <summary>
/// The claims of a JWT that matter here, read without verifying the signature (the backend holds no key; Label
/// Studio verifies its own tokens).
/// </summary>
internal sealed record JwtClaims(string? TokenType, DateTimeOffset? ExpiresAt)
{
    /// <summary>Decodes <paramref name="token"/> as <c>header.payload.signature</c>; <see langword="null"/> when it is not a JWT.</summary>
    public static JwtClaims? TryRead(string token)
    {
        var parts = token.Split('.');
        if (parts.Length != 3 || parts.Any(part => part.Length == 0))
        {
            return null;
        }

        try
        {
            using var header = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[0]));
            using var payload = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[1]));
            if (header.RootElement.ValueKind != JsonValueKind.Object || payload.RootElement.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            var root = payload.RootElement;
            var tokenType = root.TryGetProperty("token_type", out var type) && type.ValueKind == JsonValueKind.String ? type.GetString() : null;
            DateTimeOffset? expiresAt = root.TryGetProperty("exp", out var exp) && exp.ValueKind == JsonValueKind.Number && exp.TryGetDouble(out var seconds)
                ? DateTimeOffset.FromUnixTimeMilliseconds((long)(seconds * 1000))
                : null;
            return new JwtClaims(tokenType, expiresAt);
        }
        catch (Exception ex) when (ex is FormatException or JsonException)
        {
            return null;
        }
    }
}
