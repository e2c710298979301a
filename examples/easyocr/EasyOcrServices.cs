using EasyOcr.PaddleOcr;
using LabelStudio.ML.Examples.Vision;
using LabelStudio.ML.Examples.Vision.Ocr;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace EasyOcr;

/// <summary>Registers what <see cref="EasyOcrModel"/> takes in its constructor.</summary>
public static class EasyOcrServices
{
    /// <summary>The settings, the image loader and the OCR engine chosen by <c>OCR_ENGINE</c>.</summary>
    public static IServiceCollection AddEasyOcr(this IServiceCollection services)
    {
        services.TryAddSingleton(provider => EasyOcrSettings.From(provider.GetRequiredService<IConfiguration>()));
        services.TryAddSingleton(_ => VisionOptions.FromEnvironment());
        services.TryAddSingleton<TaskImageLoader>();
        services.AddTesseractOcr();
        services.TryAddSingleton<IOcrEngine>(provider =>
        {
            var settings = provider.GetRequiredService<EasyOcrSettings>();
            return settings.Engine == "tesseract" ? provider.GetRequiredService<TesseractOcr>() : LoadPaddleOcr(settings);
        });
        return services;
    }

    private static PaddleOcrEngine LoadPaddleOcr(EasyOcrSettings settings)
    {
        if (!File.Exists(Path.Combine(settings.ModelsDirectory, PaddleOcrEngine.DetectionFile)))
        {
            throw new InvalidOperationException(
                $"The PP-OCRv4 models are not in {settings.ModelsDirectory} (no {PaddleOcrEngine.DetectionFile}). Install them with {EasyOcrSettings.InstallHint}; "
                + "or run with OCR_ENGINE=tesseract.");
        }

        return PaddleOcrEngine.Load(settings.ModelsDirectory, settings.UseAngleClassifier);
    }
}
