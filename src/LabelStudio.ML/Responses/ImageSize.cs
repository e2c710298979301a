namespace LabelStudio.ML;

/// <summary>
/// The pixel size of the image an image region refers to; written as the region's
/// <c>original_width</c>/<c>original_height</c>, and the base of the percent coordinates.
/// </summary>
/// <param name="Width">Image width in pixels.</param>
/// <param name="Height">Image height in pixels.</param>
public readonly record struct ImageSize(int Width, int Height)
{
    /// <summary>Converts a horizontal pixel coordinate or length into percent of <see cref="Width"/>.</summary>
    public double ToPercentX(double pixels) => pixels / Width * 100;

    /// <summary>Converts a vertical pixel coordinate or length into percent of <see cref="Height"/>.</summary>
    public double ToPercentY(double pixels) => pixels / Height * 100;
}
