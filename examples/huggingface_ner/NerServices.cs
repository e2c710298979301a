using System.Globalization;
using LabelStudio.ML.Examples.Text;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace HuggingFaceNer;

/// <summary>Registers what <see cref="NerModel"/> takes in its constructor.</summary>
public static class NerServices
{
    /// <summary>The MiniLM encoder, the head cache, the settings and the optional user ONNX token classifier.</summary>
    public static IServiceCollection AddHuggingFaceNer(this IServiceCollection services)
    {
        services.AddMiniLmEncoder();
        services.TryAddSingleton<ArtifactCache<SoftmaxHead>>();
        services.TryAddSingleton(provider => NerSettings.From(provider.GetRequiredService<IConfiguration>()));
        services.TryAddSingleton(provider => new UserTokenClassifier(provider.GetRequiredService<NerSettings>().OnnxDirectory));
        return services;
    }
}

/// <summary>The example's own environment variables.</summary>
/// <param name="OnnxDirectory"><c>NER_ONNX_DIR</c>: a BIO token-classification model exported to ONNX (model.onnx, vocab.txt, config.json); when set it predicts instead of MiniLM + head.</param>
/// <param name="TrainEvery"><c>START_TRAINING_EACH_N_UPDATES</c>: retrain after this many annotation changes (default 1).</param>
public sealed record NerSettings(string? OnnxDirectory, int TrainEvery)
{
    /// <summary>Reads the settings from configuration.</summary>
    public static NerSettings From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var every = configuration["START_TRAINING_EACH_N_UPDATES"] is { Length: > 0 } text ? int.Parse(text, NumberStyles.Integer, CultureInfo.InvariantCulture) : 1;
        return new NerSettings(configuration["NER_ONNX_DIR"] is { Length: > 0 } directory ? directory : null, Math.Max(1, every));
    }
}
