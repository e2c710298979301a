using LabelStudio.ML.Examples.Vision;
using LabelStudio.ML.Examples.Vision.Ocr;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace TesseractOcrExample;

/// <summary>Registers what <see cref="TesseractModel"/> takes in its constructor.</summary>
public static class TesseractServices
{
    /// <summary>The image loader (IMAGE_MAX_PIXELS) and Tesseract (TESSDATA_PREFIX, TESSERACT_LANG).</summary>
    public static IServiceCollection AddTesseractBackend(this IServiceCollection services)
    {
        services.TryAddSingleton(_ => VisionOptions.FromEnvironment());
        services.TryAddSingleton<TaskImageLoader>();
        services.AddTesseractOcr();
        return services;
    }
}
