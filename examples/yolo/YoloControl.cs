using System.Globalization;

namespace Yolo;

/// <summary>
/// One control of the label config that the backend predicts for, with its options as the original reads them:
/// <c>model_path</c> (relative to MODEL_ROOT), <c>model_score_threshold</c> (else <c>score_threshold</c>, else
/// MODEL_SCORE_THRESHOLD) and the sub-model's own <c>model_*</c> attributes.
/// </summary>
public sealed record YoloControl(ControlKind Kind, ControlTag Control, TagMatch Tag, double Threshold, string? ModelPath)
{
    /// <summary>The control's start tag as the config writes it, for messages.</summary>
    public string Describe() => $"<{Control.Tag} name=\"{Control.Name}\">";

    /// <summary>A number attribute of the control, or <paramref name="fallback"/>.</summary>
    /// <returns>The value.</returns>
    public double Number(string attribute, double fallback) =>
        Control.Attributes.TryGetValue(attribute, out var text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : fallback;

    /// <summary>A true/false attribute of the control (<c>true</c>, <c>1</c>, <c>yes</c>), or <paramref name="fallback"/>.</summary>
    /// <returns>The value.</returns>
    public bool Flag(string attribute, bool fallback) =>
        Control.Attributes.TryGetValue(attribute, out var text) ? text.Trim().ToLowerInvariant() is "true" or "1" or "yes" : fallback;

    /// <summary>
    /// The controls of <paramref name="config"/> the backend predicts for, in document order. Controls with
    /// <c>model_skip="true"</c> are left out.
    /// </summary>
    /// <returns>The controls; empty when the config has none the backend knows.</returns>
    /// <exception cref="AnswerException">422: a <c>model_path</c> leaves MODEL_ROOT or is a PyTorch file.</exception>
    public static IReadOnlyList<YoloControl> From(LabelConfig config, YoloSettings settings)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(settings);
        var controls = new List<YoloControl>();
        foreach (var control in config.Controls)
        {
            var target = control.Objects.FirstOrDefault();
            if (target is null || (control.Attributes.TryGetValue("model_skip", out var skip) && skip.Trim().ToLowerInvariant() is "true" or "1" or "yes"))
            {
                continue;
            }

            ControlKind? kind = (control.Tag.ToLowerInvariant(), target.Tag.ToLowerInvariant()) switch
            {
                ("rectanglelabels", "image") => IsTrue(control, "model_obb") ? ControlKind.OrientedRectangles : ControlKind.Rectangles,
                ("polygonlabels", "image") => ControlKind.Polygons,
                ("choices" or "taxonomy", "image") => ControlKind.Choices,
                ("keypointlabels", "image") => ControlKind.Keypoints,
                ("videorectangle", "video") => ControlKind.VideoRectangles,
                ("timelinelabels", "video") => ControlKind.Timeline,
                _ => null,
            };
            if (kind is null)
            {
                continue;
            }

            var threshold = Attribute(control, "model_score_threshold") ?? Attribute(control, "score_threshold") ?? settings.ScoreThreshold;
            controls.Add(new YoloControl(kind.Value, control, control.Match(), threshold, ModelFile(control, settings)));
        }

        return controls;
    }

    private static bool IsTrue(ControlTag control, string attribute) =>
        control.Attributes.TryGetValue(attribute, out var text) && text.Trim().ToLowerInvariant() is "true" or "1" or "yes";

    private static double? Attribute(ControlTag control, string attribute) =>
        control.Attributes.TryGetValue(attribute, out var text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static string? ModelFile(ControlTag control, YoloSettings settings)
    {
        if (!control.Attributes.TryGetValue("model_path", out var relative) || string.IsNullOrWhiteSpace(relative) || !settings.AllowCustomModelPath)
        {
            return null;
        }

        var path = Path.GetFullPath(Path.Combine(settings.ModelRoot, relative.Trim()));
        var root = settings.ModelRoot.EndsWith(Path.DirectorySeparatorChar) ? settings.ModelRoot : settings.ModelRoot + Path.DirectorySeparatorChar;
        if (!path.StartsWith(root, StringComparison.Ordinal))
        {
            throw new AnswerException(422, $"<{control.Tag} name=\"{control.Name}\" model_path=\"{relative}\"> points outside MODEL_ROOT ({settings.ModelRoot}).");
        }

        if (path.EndsWith(".pt", StringComparison.OrdinalIgnoreCase))
        {
            throw new AnswerException(
                422,
                $"<{control.Tag} name=\"{control.Name}\" model_path=\"{relative}\"> is a PyTorch file; this backend runs ONNX exports: " +
                $"`yolo export model={Path.GetFileName(path)} format=onnx` and name the .onnx file.");
        }

        return path;
    }
}
