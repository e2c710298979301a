using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace LabelStudio.ML;

/// <summary>One model call for one (possibly batched) request: build the model, predict, convert to <c>results</c>.</summary>
internal sealed class PredictionRunner(ModelFactory models)
{
    public async Task<JsonNode> PredictAsync(IServiceProvider services, string projectId, string? labelConfig, PredictRequest request, CancellationToken cancellationToken)
    {
        var model = await models.CreateAsync(services, projectId, labelConfig, cancellationToken, servesPredictions: true).ConfigureAwait(false);
        try
        {
            var response = await ModelCode.RunAsync(() => model.PredictAsync(request, cancellationToken)).ConfigureAwait(false);
            // The version the model was set up with, not a newer one a training job may have switched to meanwhile.
            return response?.ToResults(model.ModelVersion) ?? new JsonArray();
        }
        finally
        {
            await ModelFactory.ReleaseAsync(model).ConfigureAwait(false);
        }
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
