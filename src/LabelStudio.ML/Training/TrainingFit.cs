using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;

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
        ModelFactory models,
        TrainingJob job,
        IReadOnlyList<QueuedTrainingEvent> events,
        string? labelConfig,
        Action<string?> versionBefore,
        Action<double, string?> progress,
        CancellationToken cancellationToken)
    {
        var scope = scopes.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            var model = await models.CreateAsync(scope.ServiceProvider, job.ProjectId, labelConfig, cancellationToken).ConfigureAwait(false);
            try
            {
                // The version set-up left (the initial one for a project never set up), before the fit changes it.
                versionBefore(model.ModelVersion);
                var folded = new List<TrainingEvent>(events.Count);
                foreach (var queued in events)
                {
                    folded.Add(new TrainingEvent(queued.Action, job.ProjectId, queued.Data, job.Id, folded, progress));
                }

                var outcome = await model.FitAsync(folded[^1], cancellationToken).ConfigureAwait(false);
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
