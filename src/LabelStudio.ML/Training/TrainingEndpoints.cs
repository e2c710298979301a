using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace LabelStudio.ML;

/// <summary>The jobs API: <c>GET /jobs/{id}</c>, <c>GET /jobs?project=N</c>, <c>DELETE /jobs/{id}</c>.</summary>
internal sealed class TrainingEndpoints(ITrainingQueue scheduler)
{
    private const int DefaultLimit = 50;
    private const int MaxLimit = 500;

    public async Task GetAsync(HttpContext context)
    {
        var id = (string)context.Request.RouteValues["id"]!;
        var job = await scheduler.GetAsync(id, context.RequestAborted).ConfigureAwait(false) ?? throw NotFound(id);
        await JsonBody.WriteAsync(context.Response, StatusCodes.Status200OK, TrainingJobJson.Write(job), context.RequestAborted).ConfigureAwait(false);
    }

    public async Task ListAsync(HttpContext context)
    {
        var query = context.Request.Query;
        var project = query.TryGetValue("project", out var projects) && !string.IsNullOrEmpty(projects[0]) ? projects[0] : null;
        var limit = DefaultLimit;
        if (query.TryGetValue("limit", out var limits)
            && (!int.TryParse(limits[0], NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > MaxLimit))
        {
            throw new AnswerException(StatusCodes.Status400BadRequest, $"'limit' must be a whole number from 1 to {MaxLimit}, got '{limits[0]}'.");
        }

        var listed = await scheduler.ListAsync(project, limit, context.RequestAborted).ConfigureAwait(false);
        var jobs = new JsonArray([.. listed.Select(job => (JsonNode)TrainingJobJson.Write(job))]);
        await JsonBody.WriteAsync(context.Response, StatusCodes.Status200OK, new JsonObject { ["jobs"] = jobs }, context.RequestAborted).ConfigureAwait(false);
    }

    public async Task CancelAsync(HttpContext context)
    {
        var id = (string)context.Request.RouteValues["id"]!;
        var before = await scheduler.GetAsync(id, context.RequestAborted).ConfigureAwait(false) ?? throw NotFound(id);
        if (before.State is TrainingJobState.Succeeded or TrainingJobState.Failed or TrainingJobState.Cancelled)
        {
            throw new AnswerException(StatusCodes.Status409Conflict, $"Training job {id} has already ended ({before.State.ToString().ToLowerInvariant()}).");
        }

        var job = await scheduler.CancelAsync(id, context.RequestAborted).ConfigureAwait(false) ?? throw NotFound(id);
        // A running job stops at its next cancellation check: 202 says the cancellation is under way.
        var status = job.State == TrainingJobState.Cancelled ? StatusCodes.Status200OK : StatusCodes.Status202Accepted;
        await JsonBody.WriteAsync(context.Response, status, TrainingJobJson.Write(job), context.RequestAborted).ConfigureAwait(false);
    }

    private static AnswerException NotFound(string id) =>
        new(StatusCodes.Status404NotFound, $"No training job with id '{id}'.");
}
