using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace LabelStudio.ML.Examples.JsNlp;

/// <summary>Registers the recognizer as a singleton that starts loading its models when the server starts.</summary>
public static class JsNlpServiceCollectionExtensions
{
    /// <summary>The setting that bounds the text handed to the models, in characters.</summary>
    public const string MaxTextLengthSetting = "NER_MAX_TEXT_LENGTH";

    /// <summary>
    /// Adds a <see cref="JsEntityRecognizer"/> for <paramref name="models"/> (the longest text it searches is
    /// <c>NER_MAX_TEXT_LENGTH</c>, default <see cref="JsEntityRecognizer.DefaultMaxTextLength"/>) and a start-up step
    /// that loads them in the background: the server answers <c>/health</c> meanwhile, and a prediction arriving
    /// first waits for the load.
    /// </summary>
    public static IServiceCollection AddJsEntityRecognizer(this IServiceCollection services, IEnumerable<JsNlpModel> models)
    {
        var list = models.ToList();
        services.AddSingleton(provider =>
        {
            var text = provider.GetRequiredService<IConfiguration>()[MaxTextLengthSetting];
            var maxTextLength = JsEntityRecognizer.DefaultMaxTextLength;
            if (!string.IsNullOrEmpty(text) && (!int.TryParse(text, out maxTextLength) || maxTextLength < 1))
            {
                throw new InvalidOperationException($"{MaxTextLengthSetting} must be a positive whole number of characters, got '{text}'.");
            }

            return new JsEntityRecognizer(list, maxTextLength);
        });
        services.AddHostedService<JsNlpWarmUp>();
        return services;
    }
}
