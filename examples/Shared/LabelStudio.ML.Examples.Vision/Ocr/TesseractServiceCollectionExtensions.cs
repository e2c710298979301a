using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace LabelStudio.ML.Examples.Vision.Ocr;

/// <summary>Registers <see cref="TesseractOcr"/> for the OCR examples.</summary>
public static class TesseractServiceCollectionExtensions
{
    /// <summary>
    /// Adds one <see cref="TesseractOcr"/> per process, configured from <c>TESSDATA_PREFIX</c> and <c>TESSERACT_LANG</c>
    /// (see <see cref="TesseractOptions"/>); it is created, and the language data checked, when first asked for.
    /// </summary>
    /// <returns>The services.</returns>
    public static IServiceCollection AddTesseractOcr(this IServiceCollection services)
    {
        services.TryAddSingleton(provider => TesseractOptions.FromConfiguration(provider.GetRequiredService<IConfiguration>()));
        services.TryAddSingleton(provider => new TesseractOcr(provider.GetRequiredService<TesseractOptions>()));
        return services;
    }
}
