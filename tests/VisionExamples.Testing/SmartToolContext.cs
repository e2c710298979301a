using System.Text.Json.Nodes;

namespace VisionExamples.Testing;

/// <summary>Interactive contexts as Label Studio's smart tools send them (SPEC §7.2), coordinates in percent.</summary>
public static class SmartToolContext
{
    /// <summary>One smart keypoint; <paramref name="positive"/> false is an Alt-click (a point off the object).</summary>
    public static JsonObject KeyPoint(double x, double y, string label, bool positive = true, int width = 200, int height = 180) => new()
    {
        ["original_width"] = width,
        ["original_height"] = height,
        ["image_rotation"] = 0,
        ["value"] = new JsonObject { ["x"] = x, ["y"] = y, ["width"] = 0.5, ["keypointlabels"] = new JsonArray(label) },
        ["is_positive"] = positive,
        ["id"] = $"kp{x:0}-{y:0}",
        ["from_name"] = "tag2",
        ["to_name"] = "image",
        ["type"] = "keypointlabels",
        ["origin"] = "manual",
    };

    /// <summary>One smart rectangle.</summary>
    public static JsonObject Box(double x, double y, double w, double h, string label, int width = 200, int height = 180) => new()
    {
        ["original_width"] = width,
        ["original_height"] = height,
        ["image_rotation"] = 0,
        ["value"] = new JsonObject { ["x"] = x, ["y"] = y, ["width"] = w, ["height"] = h, ["rotation"] = 0, ["rectanglelabels"] = new JsonArray(label) },
        ["id"] = "box1",
        ["from_name"] = "tag3",
        ["to_name"] = "image",
        ["type"] = "rectanglelabels",
        ["origin"] = "manual",
    };

    /// <summary>A text prompt typed into the TextArea <paramref name="fromName"/>.</summary>
    public static JsonObject Prompt(string text, string fromName = "prompt") => new()
    {
        ["value"] = new JsonObject { ["text"] = new JsonArray(text) },
        ["id"] = "prompt1",
        ["from_name"] = fromName,
        ["to_name"] = "image",
        ["type"] = "textarea",
        ["origin"] = "manual",
    };

    /// <summary>A Number result (a threshold field).</summary>
    public static JsonObject Number(string fromName, double value) => new()
    {
        ["value"] = new JsonObject { ["number"] = value },
        ["id"] = fromName,
        ["from_name"] = fromName,
        ["to_name"] = "image",
        ["type"] = "number",
        ["origin"] = "manual",
    };

    /// <summary>A context of <paramref name="regions"/>.</summary>
    public static JsonObject Of(params JsonObject[] regions) => new() { ["result"] = new JsonArray([.. regions]) };
}
