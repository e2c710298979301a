namespace LabelStudio.ML.Examples.Vision;

/// <summary>Finds the labeling config's controls that belong to an image.</summary>
public static class ImageControls
{
    /// <summary>
    /// The first control of tag <paramref name="type"/> (e.g. "BrushLabels") that points at <paramref name="image"/>,
    /// else the first of that tag at all, or <see langword="null"/> when the config has none.
    /// </summary>
    /// <returns>The control.</returns>
    public static ControlTag? Find(LabelConfig config, string type, string? image)
    {
        ArgumentNullException.ThrowIfNull(config);
        var controls = config.Controls.Where(c => c.Tag.Equals(type, StringComparison.OrdinalIgnoreCase)).ToList();
        return controls.FirstOrDefault(c => image is not null && c.ToNames.Contains(image)) ?? controls.FirstOrDefault();
    }
}
