using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Xunit.Sdk;

namespace LabelStudio.ML.Tests;

/// <summary>
/// JSON semantic equality as the fixtures define it: object key order is ignored, arrays are ordered,
/// numbers compare by value (0 equals 0.0), strings byte-exact.
/// </summary>
public static class JsonAssert
{
    public static void Equal(JsonNode? expected, JsonNode? actual)
    {
        var difference = FindDifference(expected, actual, "$");
        if (difference is not null)
        {
            throw new XunitException(
                $"JSON differs at {difference}.{Environment.NewLine}Expected: {expected?.ToJsonString() ?? "null"}{Environment.NewLine}Actual:   {actual?.ToJsonString() ?? "null"}");
        }
    }

    private static string? FindDifference(JsonNode? expected, JsonNode? actual, string path)
    {
        var expectedKind = expected?.GetValueKind() ?? JsonValueKind.Null;
        var actualKind = actual?.GetValueKind() ?? JsonValueKind.Null;
        if (expectedKind != actualKind)
        {
            return $"{path}: expected {expectedKind}, got {actualKind}";
        }

        switch (expectedKind)
        {
            case JsonValueKind.Object:
                var expectedObject = expected!.AsObject();
                var actualObject = actual!.AsObject();
                foreach (var (key, expectedChild) in expectedObject)
                {
                    if (!actualObject.TryGetPropertyValue(key, out var actualChild))
                    {
                        return $"{path}.{key}: missing";
                    }

                    if (FindDifference(expectedChild, actualChild, $"{path}.{key}") is { } inner)
                    {
                        return inner;
                    }
                }

                var extra = actualObject.Select(pair => pair.Key).FirstOrDefault(key => !expectedObject.ContainsKey(key));
                return extra is null ? null : $"{path}.{extra}: unexpected key";
            case JsonValueKind.Array:
                var expectedArray = expected!.AsArray();
                var actualArray = actual!.AsArray();
                if (expectedArray.Count != actualArray.Count)
                {
                    return $"{path}: expected {expectedArray.Count} items, got {actualArray.Count}";
                }

                for (var i = 0; i < expectedArray.Count; i++)
                {
                    if (FindDifference(expectedArray[i], actualArray[i], $"{path}[{i}]") is { } inner)
                    {
                        return inner;
                    }
                }

                return null;
            case JsonValueKind.Number:
                return NumbersEqual(expected!.ToJsonString(), actual!.ToJsonString())
                    ? null
                    : $"{path}: expected {expected.ToJsonString()}, got {actual.ToJsonString()}";
            case JsonValueKind.String:
                return string.Equals(expected!.GetValue<string>(), actual!.GetValue<string>(), StringComparison.Ordinal)
                    ? null
                    : $"{path}: expected \"{expected}\", got \"{actual}\"";
            default:
                return null; // null, true, false: the kind says it all
        }
    }

    private static bool NumbersEqual(string expected, string actual)
    {
        // Decimal keeps integers and short fractions exact; doubles cover exponents decimal cannot hold.
        if (decimal.TryParse(expected, NumberStyles.Float, CultureInfo.InvariantCulture, out var expectedDecimal)
            && decimal.TryParse(actual, NumberStyles.Float, CultureInfo.InvariantCulture, out var actualDecimal))
        {
            return expectedDecimal == actualDecimal;
        }

        return double.Parse(expected, CultureInfo.InvariantCulture) == double.Parse(actual, CultureInfo.InvariantCulture);
    }
}
