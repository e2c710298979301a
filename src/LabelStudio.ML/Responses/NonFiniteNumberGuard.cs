using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace LabelStudio.ML;

/// <summary>
/// Finds NaN and infinities in a reply before it is written (QUIRK-14). <c>JsonValue.Create(double.NaN)</c>
/// accepts them and only the writer fails later, without saying which field was wrong; this names it.
/// </summary>
internal static class NonFiniteNumberGuard
{
    /// <summary>Throws <see cref="NonFiniteNumberException"/> for the first non-finite number in <paramref name="results"/>.</summary>
    public static void Check(JsonNode? results)
    {
        var path = new List<object>();
        Visit(results, path);
    }

    private static void Visit(JsonNode? node, List<object> path)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, child) in obj)
                {
                    path.Add(key);
                    Visit(child, path);
                    path.RemoveAt(path.Count - 1);
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    path.Add(i);
                    Visit(array[i], path);
                    path.RemoveAt(path.Count - 1);
                }

                break;
            case JsonValue value when NonFinite(value) is { } number:
                throw Describe(path, number);
        }
    }

    private static double? NonFinite(JsonValue value)
    {
        // Values parsed from text are always finite; only numbers put in by code can be NaN or infinite.
        double number;
        if (value.TryGetValue(out double asDouble))
        {
            number = asDouble;
        }
        else if (value.TryGetValue(out float asFloat))
        {
            number = asFloat;
        }
        else if (value.TryGetValue(out Half asHalf))
        {
            number = (double)asHalf;
        }
        else
        {
            return null;
        }

        return double.IsFinite(number) ? null : number;
    }

    private static NonFiniteNumberException Describe(List<object> path, double number)
    {
        // The first index picks the task's entry, a second index one of several predictions for that task.
        var skip = 0;
        var prediction = "response";
        if (path is [int task, int alternative, ..])
        {
            prediction = string.Create(CultureInfo.InvariantCulture, $"prediction {task}[{alternative}]");
            skip = 2;
        }
        else if (path is [int single, ..])
        {
            prediction = string.Create(CultureInfo.InvariantCulture, $"prediction {single}");
            skip = 1;
        }

        var field = Format(path.Skip(skip));
        var name = double.IsNaN(number) ? "NaN" : number > 0 ? "Infinity" : "-Infinity";
        return new NonFiniteNumberException(
            Format(path),
            $"{prediction}: {(field.Length == 0 ? "the value" : field)} is {name}; Label Studio cannot read non-finite numbers");
    }

    private static string Format(IEnumerable<object> segments)
    {
        var text = new StringBuilder();
        foreach (var segment in segments)
        {
            if (segment is int index)
            {
                text.Append(CultureInfo.InvariantCulture, $"[{index}]");
            }
            else
            {
                text.Append(text.Length == 0 ? string.Empty : ".").Append(segment);
            }
        }

        return text.ToString();
    }
}
