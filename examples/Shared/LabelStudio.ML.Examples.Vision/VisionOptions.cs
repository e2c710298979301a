namespace LabelStudio.ML.Examples.Vision;

/// <summary>
/// Settings shared by the image examples, read from the environment: the largest image a task may bring and where
/// OpenCV's cascade files live.
/// </summary>
public sealed class VisionOptions
{
    /// <summary>The default pixel limit: 40 megapixels, above any camera photo a labeling team is likely to send.</summary>
    public const long DefaultMaxImagePixels = 40_000_000;

    /// <summary>
    /// Images with more pixels than this are refused with a 422 before they are decoded (<c>IMAGE_MAX_PIXELS</c>),
    /// so one huge upload cannot take the server's memory.
    /// </summary>
    public long MaxImagePixels { get; set; } = DefaultMaxImagePixels;

    /// <summary>
    /// The folder holding OpenCV's <c>haarcascades/</c> and <c>lbpcascades/</c> (<c>OPENCV_CASCADES_DIR</c>); Debian's
    /// <c>opencv-data</c> package installs them under <c>/usr/share/opencv4</c>.
    /// </summary>
    public string CascadesDirectory { get; set; } = "/usr/share/opencv4";

    /// <summary>Reads the options from the environment, falling back to the defaults.</summary>
    /// <returns>The options.</returns>
    /// <exception cref="InvalidOperationException">A variable is set to a value that is not valid.</exception>
    public static VisionOptions FromEnvironment()
    {
        var options = new VisionOptions();
        var maxPixels = Environment.GetEnvironmentVariable("IMAGE_MAX_PIXELS");
        if (!string.IsNullOrWhiteSpace(maxPixels))
        {
            if (!long.TryParse(maxPixels, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var pixels) || pixels <= 0)
            {
                throw new InvalidOperationException($"IMAGE_MAX_PIXELS must be a positive whole number of pixels, not \"{maxPixels}\".");
            }

            options.MaxImagePixels = pixels;
        }

        var cascades = Environment.GetEnvironmentVariable("OPENCV_CASCADES_DIR");
        if (!string.IsNullOrWhiteSpace(cascades))
        {
            options.CascadesDirectory = cascades;
        }

        return options;
    }
}
