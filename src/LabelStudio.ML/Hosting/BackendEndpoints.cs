using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LabelStudio.ML;

/// <summary>The handlers of <c>/</c>, <c>/health</c>, <c>/setup</c>, <c>/predict</c> and <c>/webhook</c> (SPEC §2).</summary>
internal sealed class BackendEndpoints(
    ModelFactory models,
    ModelRegistration registration,
    IStateStore store,
    ITrainingQueue training,
    StoreSelection stores,
    PredictionRunner runner,
    PredictionGate gate,
    PredictionBatcher batcher,
    BackendMetrics metrics,
    IOptions<LabelStudioMLOptions> options,
    ILogger<BackendEndpoints> logger)
{
    private readonly bool _background = options.Value.TrainingMode == TrainingMode.Background;
    private readonly TimeSpan _predictTimeout = options.Value.PredictTimeout;

    public async Task HealthAsync(HttpContext context)
    {
        // UP even when a shared store is down: predictions that need no state still work, so the replica stays in
        // rotation; "store" says what does not.
        var store = await stores.ProbeAsync(context.RequestAborted).ConfigureAwait(false);
        var health = new JsonObject { ["model_class"] = registration.ModelClassName, ["status"] = "UP" };
        if (store is not null)
        {
            health["store"] = store;
        }

        if (_background)
        {
            var (running, queued) = training.Counts;
            var counts = new JsonObject { ["running"] = running, ["queued"] = queued };
            if (store is not null)
            {
                // The shared queue lives on the store's server: it is reachable exactly when the store is.
                counts["queue"] = stores.CacheType;
                counts["connected"] = store["connected"]?.DeepClone();
            }

            health["training"] = counts;
        }

        await JsonBody.WriteAsync(context.Response, StatusCodes.Status200OK, health, context.RequestAborted).ConfigureAwait(false);
    }

    public async Task SetupAsync(HttpContext context)
    {
        var cancellationToken = context.RequestAborted;
        var body = await JsonBody.ReadObjectAsync(context.Request, cancellationToken).ConfigureAwait(false);
        var projectId = body["project"] switch
        {
            null => throw MissingField("project", "the project uid, e.g. \"7.1712586036\""),
            JsonValue value when value.GetValueKind() is JsonValueKind.String or JsonValueKind.Number => ProjectIds.FromUid(value),
            var other => throw new AnswerException(StatusCodes.Status400BadRequest, $"Field 'project' must be a string, got {JsonBody.DescribeKind(other)}."),
        };
        var schema = OptionalString(body, "schema");

        var model = await CreateModelAsync(context, projectId, schema).ConfigureAwait(false);
        await ModelFactory.ReleaseAsync(model).ConfigureAwait(false);

        if (ExtraParamsText(body["extra_params"]) is { } extraParams)
        {
            await store.SetAsync(projectId, StateKeys.ExtraParams, extraParams, cancellationToken).ConfigureAwait(false);
        }

        var version = await store.GetAsync(projectId, StateKeys.ModelVersion, cancellationToken).ConfigureAwait(false);
        Log.SetUp(logger, projectId, version ?? "(none)");
        await JsonBody.WriteAsync(context.Response, StatusCodes.Status200OK, new JsonObject { ["model_version"] = version }, cancellationToken).ConfigureAwait(false);
    }

    public async Task PredictAsync(HttpContext context)
    {
        var requestAborted = context.RequestAborted;
        var started = Stopwatch.GetTimestamp();
        var body = await JsonBody.ReadObjectAsync(context.Request, requestAborted).ConfigureAwait(false);
        var projectId = body["project"] is JsonValue project ? ProjectIds.FromUid(project) : string.Empty;
        var labelConfig = OptionalString(body, "label_config");
        var request = PredictRequestReader.Read(body);
        metrics.PredictRequest(request.Tasks.Count);

        using var timeout = new CancellationTokenSource();
        if (_predictTimeout > TimeSpan.Zero)
        {
            timeout.CancelAfter(_predictTimeout);
        }

        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(requestAborted, timeout.Token);
        JsonNode results;
        try
        {
            if (batcher.Enabled && !request.IsInteractive)
            {
                results = await batcher.PredictAsync(projectId, labelConfig, request, cancellation.Token).ConfigureAwait(false);
            }
            else
            {
                using var lease = await gate.EnterAsync(cancellation.Token).ConfigureAwait(false);
                results = await runner.PredictAsync(context.RequestServices, projectId, labelConfig, request, cancellation.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !requestAborted.IsCancellationRequested)
        {
            throw new AnswerException(
                StatusCodes.Status504GatewayTimeout,
                $"The prediction took longer than {_predictTimeout.TotalSeconds:0} s (PREDICT_TIMEOUT_SECONDS) and was cancelled.");
        }

        Log.Predicted(logger, request.Tasks.Count, projectId, Stopwatch.GetElapsedTime(started).TotalMilliseconds, request.IsInteractive ? " (interactive)" : string.Empty);
        await JsonBody.WriteAsync(context.Response, StatusCodes.Status200OK, new JsonObject { ["results"] = results }, requestAborted).ConfigureAwait(false);
    }

    public async Task WebhookAsync(HttpContext context)
    {
        var cancellationToken = context.RequestAborted;
        var started = Stopwatch.GetTimestamp();
        var body = await JsonBody.ReadObjectAsync(context.Request, cancellationToken).ConfigureAwait(false);
        var action = body["action"] switch
        {
            null => throw MissingField("action", "the event name, e.g. \"ANNOTATION_CREATED\""),
            JsonValue value when value.TryGetValue<string>(out var text) => text,
            var other => throw new AnswerException(StatusCodes.Status400BadRequest, $"Field 'action' must be a string, got {JsonBody.DescribeKind(other)}."),
        };
        body.Remove("action");

        if (!TrainingEvent.IsTrainingAction(action))
        {
            await JsonBody.WriteAsync(context.Response, StatusCodes.Status200OK, new JsonObject { ["status"] = "Unknown event" }, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (body["project"] is not JsonObject project)
        {
            throw MissingField("project", "the project record with its id");
        }

        var projectId = project["id"] switch
        {
            JsonValue id when id.GetValueKind() is JsonValueKind.Number or JsonValueKind.String => ProjectIds.FromUid(id),
            null => throw MissingField("project.id", "the project's integer id"),
            var other => throw new AnswerException(StatusCodes.Status400BadRequest, $"Field 'project.id' must be a number, got {JsonBody.DescribeKind(other)}."),
        };
        var labelConfig = project["label_config"] is JsonValue config && config.TryGetValue<string>(out var xml) ? xml : null;
        if (_background)
        {
            var jobId = await training.EnqueueAsync(action, projectId, body, labelConfig, cancellationToken).ConfigureAwait(false);
            // "job" is the member Label Studio records as the training job id of START_TRAINING.
            await JsonBody.WriteAsync(context.Response, StatusCodes.Status201Created, new JsonObject { ["job"] = jobId, ["job_id"] = jobId, ["status"] = "ok" }, cancellationToken).ConfigureAwait(false);
            return;
        }

        using var activity = LabelStudioTelemetry.Source.StartActivity("fit");
        activity?.SetTag("labelstudio.project", projectId);
        var model = await CreateModelAsync(context, projectId, labelConfig).ConfigureAwait(false);
        object? outcome;
        try
        {
            using var scope = logger.BeginScope(new ModelScope(projectId, model.ModelVersion, null));
            outcome = await ModelCode.RunAsync(() => model.FitAsync(new TrainingEvent(action, projectId, body), cancellationToken)).ConfigureAwait(false);
        }
        finally
        {
            await ModelFactory.ReleaseAsync(model).ConfigureAwait(false);
        }

        Log.Trained(logger, action, projectId, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        await JsonBody.WriteAsync(context.Response, StatusCodes.Status201Created, FitResult.Answer(outcome), cancellationToken).ConfigureAwait(false);
    }

    private async Task<LabelStudioModel> CreateModelAsync(HttpContext context, string projectId, string? labelConfig) =>
        await models.CreateAsync(context.RequestServices, projectId, labelConfig, context.RequestAborted).ConfigureAwait(false);

    private static string? OptionalString(JsonObject body, string name) => body[name] switch
    {
        null => null,
        JsonValue value when value.TryGetValue<string>(out var text) => text,
        var other => throw new AnswerException(StatusCodes.Status400BadRequest, $"Field '{name}' must be a string, got {JsonBody.DescribeKind(other)}."),
    };

    /// <summary>
    /// The text to store for <c>extra_params</c>, or <see langword="null"/> when the value is empty or false-like
    /// (SPEC §2.2 step 3). An object is kept as compact JSON text (SPEC §13 QUIRK-2).
    /// </summary>
    private static string? ExtraParamsText(JsonNode? value) => value switch
    {
        null => null,
        JsonValue text when text.TryGetValue<string>(out var s) => s.Length == 0 ? null : s,
        JsonObject { Count: 0 } or JsonArray { Count: 0 } => null,
        JsonValue flag when flag.GetValueKind() == JsonValueKind.False => null,
        JsonValue number when number.GetValueKind() == JsonValueKind.Number && number.GetValue<double>() == 0 => null,
        _ => value.ToJsonString(),
    };

    private static AnswerException MissingField(string name, string what) =>
        new(StatusCodes.Status400BadRequest, $"Missing field: '{name}' ({what}).");
}
