namespace LabelStudio.ML;

/// <summary>How training webhooks run (<c>TRAINING_MODE</c>).</summary>
public enum TrainingMode
{
    /// <summary>
    /// <c>background</c>: the webhook answers at once with a job id; <c>FitAsync</c> runs as a job, one at a time per
    /// project, with bursts of events folded into one job, persisted so that a crash loses nothing.
    /// </summary>
    Background,

    /// <summary>
    /// <c>sync</c>: <c>FitAsync</c> runs inside the webhook request and its return value is the answer's
    /// <c>result</c>, as in the original SDK. Label Studio stops waiting for annotation webhooks after one second,
    /// so use it for fast models and tests.
    /// </summary>
    Sync,
}
