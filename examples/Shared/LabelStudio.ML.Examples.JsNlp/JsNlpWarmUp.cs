using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LabelStudio.ML.Examples.JsNlp;

/// <summary>
/// Starts loading the models when the server starts, without delaying it; logs when they are ready or failed, and holds
/// <c>/ready</c> at 503 until they are loaded.
/// </summary>
internal sealed partial class JsNlpWarmUp(JsEntityRecognizer recognizer, BackendReadiness readiness, ILogger<JsNlpWarmUp> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var started = TimeProvider.System.GetTimestamp();
        var loading = recognizer.WarmUpAsync();
        readiness.Track("the JavaScript NER models", loading);
        _ = loading.ContinueWith(
            load =>
            {
                if (load.IsCompletedSuccessfully)
                {
                    Loaded(logger, string.Join(", ", recognizer.EntityTypes), TimeProvider.System.GetElapsedTime(started).TotalSeconds);
                }
                else
                {
                    LoadFailed(logger, load.Exception?.GetBaseException());
                }
            },
            CancellationToken.None,
            TaskContinuationOptions.None,
            TaskScheduler.Default);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "JavaScript NER models loaded in {Seconds:0.0} s (entity types: {Types})")]
    private static partial void Loaded(ILogger logger, string types, double seconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "The JavaScript NER models failed to load; predictions will answer the same error")]
    private static partial void LoadFailed(ILogger logger, Exception? exception);
}
