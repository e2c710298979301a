namespace LabelStudio.ML;

/// <summary>Where a training job is in its life.</summary>
public enum TrainingJobState
{
    /// <summary>Waiting: new events for the project fold into it.</summary>
    Queued,

    /// <summary><c>FitAsync</c> is running.</summary>
    Running,

    /// <summary><c>FitAsync</c> returned.</summary>
    Succeeded,

    /// <summary><c>FitAsync</c> threw or timed out, or the job was interrupted and not re-queued.</summary>
    Failed,

    /// <summary>Cancelled through <c>DELETE /jobs/{id}</c>.</summary>
    Cancelled,
}
