using System.Text.Json.Nodes;
using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LabelStudio.ML;

/// <summary>One run of a training job's fit, the same whichever queue handed the job over.</summary>
internal static class TrainingFit
{
    /// <summary>
    /// Builds the project's model in a scope of its own, reports the version it starts from, runs <c>FitAsync</c> on
    /// the folded events and returns its result as JSON text.
    /// </summary>
    public static async Task<string?> RunAsync(
        IServiceScopeFactory scopes,
        ILogger logger,
        ModelFactory models,
        TrainingJob job,
        IReadOnlyList<QueuedTrainingEvent> events,
        string? labelConfig,
        Action<string?> versionBefore,
        Action<double, string?> progress,
        CancellationToken cancellationToken)
    {
        // A root span of its own: a job runs long after the webhook request that queued it has been answered.
        using var activity = LabelStudioTelemetry.Source.StartActivity("training job", ActivityKind.Internal, parentContext: default);
        activity?.SetTag("labelstudio.project", job.ProjectId);
        activity?.SetTag("labelstudio.training.job", job.Id);
        activity?.SetTag("labelstudio.training.events", events.Count);
        activity?.SetTag("labelstudio.training.attempt", job.Attempts);
        var scope = scopes.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            var model = await models.CreateAsync(scope.ServiceProvider, job.ProjectId, labelConfig, cancellationToken).ConfigureAwait(false);
            try
            {
                // The version set-up left (the initial one for a project never set up), before the fit changes it.
                versionBefore(model.ModelVersion);
                activity?.SetTag("labelstudio.model_version", model.ModelVersion);
                using var logScope = logger.BeginScope(new ModelScope(job.ProjectId, model.ModelVersion, null, job.Id));
                var folded = new List<TrainingEvent>(events.Count);
                foreach (var queued in events)
                {
                    folded.Add(new TrainingEvent(queued.Action, job.ProjectId, queued.Data, job.Id, folded, progress));
                }

                object? outcome;
                try
                {
                    outcome = await model.FitAsync(folded[^1], cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (activity is not null && PredictionRunner.Failed(activity, ex))
                {
                    throw;
                }

                try
                {
                    return FitResult.ToJson(outcome)?.ToJsonString();
                }
                catch (FitResultException ex)
                {
                    return new JsonObject { ["error"] = ex.Message }.ToJsonString();
                }
            }
            finally
            {
                await ModelFactory.ReleaseAsync(model).ConfigureAwait(false);
            }
        }
    }
}
