using LabelStudio.ML.Examples.Llm;
using LabelStudio.ML.Examples.Vision;
using LabelStudio.ML.Examples.Vision.Ocr;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace LlmInteractive;

/// <summary>Registers the OCR of image tasks.</summary>
public static class TesseractImageTextRegistration
{
    /// <summary>Adds image loading, Tesseract (<c>TESSDATA_PREFIX</c>, <c>TESSERACT_LANG</c>) and <see cref="TesseractImageText"/>.</summary>
    /// <returns>The services.</returns>
    public static IServiceCollection AddImageOcr(this IServiceCollection services)
    {
        services.AddVision();
        services.AddTesseractOcr();
        services.TryAddSingleton<ITaskImageText, TesseractImageText>();
        return services;
    }
}
