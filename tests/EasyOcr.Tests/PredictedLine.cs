using System.Text.Json.Nodes;
using OpenCvSharp;

namespace EasyOcr.Tests;

/// <summary>One region of an OCR prediction: its geometry result, its text and its label, joined by region id.</summary>
internal sealed record PredictedLine(string Id, string Type, Rect Bounds, string Text, string? Label, double Score)
{
    /// <summary>Reads the regions of one task's prediction; bounds are converted from percent to pixels of the image.</summary>
    public static List<PredictedLine> Read(JsonNode prediction)
    {
        var results = prediction["result"]!.AsArray().Select(r => r!.AsObject()).ToList();
        var lines = new List<PredictedLine>();
        foreach (var geometry in results.Where(r => r["type"]!.GetValue<string>() is "polygon" or "rectangle"))
        {
            var id = geometry["id"]!.GetValue<string>();
            var width = geometry["original_width"]!.GetValue<int>();
            var height = geometry["original_height"]!.GetValue<int>();
            var value = geometry["value"]!;
            Rect bounds;
            if (value["points"] is JsonArray points)
            {
                var xs = points.Select(p => p![0]!.GetValue<double>() * width / 100).ToList();
                var ys = points.Select(p => p![1]!.GetValue<double>() * height / 100).ToList();
                bounds = Rect.FromLTRB((int)xs.Min(), (int)ys.Min(), (int)Math.Ceiling(xs.Max()), (int)Math.Ceiling(ys.Max()));
            }
            else
            {
                var x = value["x"]!.GetValue<double>() * width / 100;
                var y = value["y"]!.GetValue<double>() * height / 100;
                bounds = new Rect((int)x, (int)y, (int)Math.Ceiling(value["width"]!.GetValue<double>() * width / 100), (int)Math.Ceiling(value["height"]!.GetValue<double>() * height / 100));
            }

            var text = results.Single(r => r["id"]!.GetValue<string>() == id && r["type"]!.GetValue<string>() == "textarea")["value"]!["text"]![0]!.GetValue<string>();
            var label = results.SingleOrDefault(r => r["id"]!.GetValue<string>() == id && r["type"]!.GetValue<string>() == "labels")?["value"]!["labels"]![0]!.GetValue<string>();
            lines.Add(new PredictedLine(id, geometry["type"]!.GetValue<string>(), bounds, text, label, geometry["score"]!.GetValue<double>()));
        }

        return lines;
    }

    /// <summary>The share of <paramref name="other"/>'s area this line's bounds cover.</summary>
    public double Covers(Rect other)
    {
        var overlap = Bounds & other;
        return overlap.Width <= 0 || overlap.Height <= 0 ? 0 : (double)overlap.Width * overlap.Height / (other.Width * other.Height);
    }

    /// <summary>Intersection over union of two boxes.</summary>
    public static double IoU(Rect a, Rect b)
    {
        var overlap = a & b;
        if (overlap.Width <= 0 || overlap.Height <= 0)
        {
            return 0;
        }

        var intersection = (double)overlap.Width * overlap.Height;
        return intersection / ((a.Width * a.Height) + (b.Width * b.Height) - intersection);
    }
}
