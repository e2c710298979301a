using System.Diagnostics;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace LabelStudio.ML;

/// <summary>One model call for one (possibly batched) request: build the model, predict, convert to <c>results</c>.</summary>
internal sealed class PredictionRunner(ModelFactory models, BackendMetrics metrics, ILogger<PredictionRunner> logger)
{
    public async Task<JsonNode> PredictAsync(IServiceProvider services, string projectId, string? labelConfig, PredictRequest request, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        using var activity = LabelStudioTelemetry.Source.StartActivity("predict");
        activity?.SetTag("labelstudio.project", projectId);
        activity?.SetTag("labelstudio.tasks", request.Tasks.Count);
        activity?.SetTag("labelstudio.interactive", request.IsInteractive);
        var succeeded = false;
        try
        {
            var model = await models.CreateAsync(services, projectId, labelConfig, cancellationToken, servesPredictions: true).ConfigureAwait(false);
            try
            {
                activity?.SetTag("labelstudio.model_version", model.ModelVersion);
                using var scope = logger.BeginScope(new ModelScope(projectId, model.ModelVersion, request.Tasks));
                var response = await ModelCode.RunAsync(() => model.PredictAsync(request, cancellationToken)).ConfigureAwait(false);
                // The version the model was set up with, not a newer one a training job may have switched to meanwhile.
                var results = response?.ToResults(model.ModelVersion) ?? new JsonArray();
                Log.ModelAnswered(logger, models.ModelType.Name, request.Tasks.Count, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                succeeded = true;
                return results;
            }
            finally
            {
                await ModelFactory.ReleaseAsync(model).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (activity is not null && Failed(activity, ex))
        {
            throw;
        }
        finally
        {
            metrics.Predicted(request.Tasks.Count, Stopwatch.GetElapsedTime(started), succeeded);
        }
    }

    /// <summary>Marks the span failed; returns <see langword="false"/> so the exception goes on unchanged.</summary>
    internal static bool Failed(Activity activity, Exception exception)
    {
        activity.SetStatus(ActivityStatusCode.Error, exception.GetType().Name);
        activity.AddException(exception);
        return false;
    }
}

/// <summary>How failures inside model code are answered.</summary>
internal static class ModelCode
{
    /// <summary>
    /// Runs model code; a label-config mismatch found there (a control the model needs is missing) is the project's
    /// configuration problem, so it is answered 422 instead of 500.
    /// </summary>
    public static async Task<T> RunAsync<T>(Func<Task<T>> call)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (LabelConfigException ex)
        {
            throw new AnswerException(StatusCodes.Status422UnprocessableEntity, ex.Message, ex);
        }
    }
}
