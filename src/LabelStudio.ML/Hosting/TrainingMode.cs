namespace LabelStudio.ML;

/// <summary>How training webhooks run (<c>TRAINING_MODE</c>).</summary>
public enum TrainingMode
{
    /// <summary>
    /// <c>sync</c>: <c>FitAsync</c> runs inside the webhook request and its return value is the answer's
    /// <c>result</c>, as in the original SDK. Label Studio stops waiting for annotation webhooks after one second,
    /// so long training belongs in background jobs.
    /// </summary>
    Sync,
}
