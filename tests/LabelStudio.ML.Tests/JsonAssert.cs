using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Xunit.Sdk;

namespace LabelStudio.ML.Tests;

/// <summary>
/// JSON-semantic comparison as the protocol fixtures define it: numbers compare by value (<c>0</c> equals
/// <c>0.0</c>), object key order is ignored, array order matters.
/// </summary>
internal static class JsonAssert
{
    /// <summary>Fails with the JSON path of the first difference unless both nodes are semantically equal.</summary>
    public static void Equal(JsonNode? expected, JsonNode? actual)
    {
        var difference = FirstDifference(expected, actual, "$");
        if (difference is not null)
        {
            throw new XunitException(
                $"JSON differs at {difference}\nexpected: {expected?.ToJsonString() ?? "null"}\nactual:   {actual?.ToJsonString() ?? "null"}");
        }
    }

    /// <summary>Whether both nodes are semantically equal.</summary>
    public static bool SemanticEquals(JsonNode? left, JsonNode? right) => FirstDifference(left, right, "$") is null;

    private static string? FirstDifference(JsonNode? expected, JsonNode? actual, string path)
    {
        var expectedKind = Kind(expected);
        if (expectedKind != Kind(actual))
        {
            return $"{path}: {expectedKind} expected, {Kind(actual)} found";
        }

        switch (expectedKind)
        {
            case JsonValueKind.Object:
                var expectedObject = expected!.AsObject();
                var actualObject = actual!.AsObject();
                foreach (var (key, value) in expectedObject)
                {
                    if (!actualObject.TryGetPropertyValue(key, out var actualValue))
                    {
                        return $"{path}.{key}: missing";
                    }

                    var inner = FirstDifference(value, actualValue, $"{path}.{key}");
                    if (inner is not null)
                    {
                        return inner;
                    }
                }

                var extra = actualObject.Select(property => property.Key).FirstOrDefault(key => !expectedObject.ContainsKey(key));
                return extra is null ? null : $"{path}.{extra}: not expected";
            case JsonValueKind.Array:
                var expectedArray = expected!.AsArray();
                var actualArray = actual!.AsArray();
                if (expectedArray.Count != actualArray.Count)
                {
                    return $"{path}: {expectedArray.Count} items expected, {actualArray.Count} found";
                }

                for (var index = 0; index < expectedArray.Count; index++)
                {
                    var inner = FirstDifference(expectedArray[index], actualArray[index], $"{path}[{index}]");
                    if (inner is not null)
                    {
                        return inner;
                    }
                }

                return null;
            case JsonValueKind.Number:
                return NumberEquals(expected!, actual!) ? null : $"{path}: {expected!.ToJsonString()} expected, {actual!.ToJsonString()} found";
            case JsonValueKind.String:
                return expected!.GetValue<string>() == actual!.GetValue<string>()
                    ? null
                    : $"{path}: {expected.ToJsonString()} expected, {actual.ToJsonString()} found";
            default:
                // null, true and false are fully described by their kind.
                return null;
        }
    }

    private static JsonValueKind Kind(JsonNode? node) => node?.GetValueKind() ?? JsonValueKind.Null;

    private static bool NumberEquals(JsonNode expected, JsonNode actual)
    {
        var expectedText = expected.ToJsonString();
        var actualText = actual.ToJsonString();
        return decimal.TryParse(expectedText, NumberStyles.Float, CultureInfo.InvariantCulture, out var expectedDecimal)
            && decimal.TryParse(actualText, NumberStyles.Float, CultureInfo.InvariantCulture, out var actualDecimal)
                ? expectedDecimal == actualDecimal
                : double.Parse(expectedText, CultureInfo.InvariantCulture) == double.Parse(actualText, CultureInfo.InvariantCulture);
    }
}
