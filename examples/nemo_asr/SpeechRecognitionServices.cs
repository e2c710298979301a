using Microsoft.Extensions.DependencyInjection.Extensions;

namespace NemoAsr;

/// <summary>Registers what <see cref="NemoAsrModel"/> takes in its constructor.</summary>
public static class SpeechRecognitionServices
{
    /// <summary>The settings, the audio loader and the engine holder (the engine itself loads on first use).</summary>
    public static IServiceCollection AddSpeechRecognition(this IServiceCollection services)
    {
        services.TryAddSingleton(provider => SpeechSettings.From(provider.GetRequiredService<IConfiguration>()));
        services.TryAddSingleton<AudioLoader>();
        services.TryAddSingleton<SpeechRecognizerHolder>();
        return services;
    }
}
