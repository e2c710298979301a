using System.Text.Json.Nodes;

namespace LabelStudio.ML.Tests.Support;

/// <summary>Labels each task Positive when its text contains "good", else Negative; remembers the last text per project.</summary>
internal sealed class KeywordSentimentModel : LabelStudioModel
{
    public override Task<ModelResponse?> PredictAsync(PredictRequest request, CancellationToken cancellationToken)
    {
        var tag = Config.FirstTag("Choices", "Text");
        var predictions = new List<Prediction>();
        foreach (var task in request.Tasks)
        {
            var text = Config.GetObject(tag.ToName).ResolveText(task.Data, task.Id);
            State.Set("last_text", text);
            var label = text.Contains("good", StringComparison.OrdinalIgnoreCase) ? "Positive" : "Negative";
            predictions.Add(new Prediction([Region.Choices(tag, label)], 0.5));
        }

        return Task.FromResult<ModelResponse?>(new ModelResponse(predictions));
    }
}

/// <summary>Fails every prediction.</summary>
internal sealed class FailingModel : LabelStudioModel
{
    public override Task<ModelResponse?> PredictAsync(PredictRequest request, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("the model weights are missing");
}

/// <summary>Predicts a NaN score, as a broken model might.</summary>
internal sealed class NaNScoreModel : LabelStudioModel
{
    public override Task<ModelResponse?> PredictAsync(PredictRequest request, CancellationToken cancellationToken) =>
        Task.FromResult<ModelResponse?>(new ModelResponse([new Prediction([], double.NaN)]));
}

/// <summary>Learns by bumping its version; predicts an empty result per task (so the stored version is stamped).</summary>
internal sealed class VersionBumpingModel : LabelStudioModel
{
    public override Task<ModelResponse?> PredictAsync(PredictRequest request, CancellationToken cancellationToken) =>
        Task.FromResult<ModelResponse?>(new ModelResponse(request.Tasks.Select(_ => new Prediction([]))));

    public override Task<object?> FitAsync(TrainingEvent trainingEvent, CancellationToken cancellationToken) =>
        Task.FromResult<object?>(new { NewVersion = BumpModelVersion(), Event = trainingEvent.Action });
}

/// <summary>Answers with its extra params as text, so tests can see how they were decoded.</summary>
internal sealed class ExtraParamsModel : LabelStudioModel
{
    public override Task<ModelResponse?> PredictAsync(PredictRequest request, CancellationToken cancellationToken) =>
        Task.FromResult<ModelResponse?>(new ModelResponse([new Prediction([Region.TextArea(new TagMatch("answer", "text", "text"), ExtraParams.ToJsonString())])]));
}

/// <summary>Returns from <c>FitAsync</c> a value that cannot be written as JSON (it refers to itself).</summary>
internal sealed class UnserializableFitModel : LabelStudioModel
{
    public override Task<object?> FitAsync(TrainingEvent trainingEvent, CancellationToken cancellationToken)
    {
        var loop = new SelfReference();
        loop.Self = loop;
        return Task.FromResult<object?>(loop);
    }

    internal sealed class SelfReference
    {
        public SelfReference? Self { get; set; }
    }
}

/// <summary>Counts how often the server builds and disposes it; takes a singleton to show DI reaches models.</summary>
internal sealed class CountingModel(InstanceCounter counter) : LabelStudioModel, IDisposable
{
    public override Task SetupAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref counter.Created);
        return Task.CompletedTask;
    }

    public override Task<ModelResponse?> PredictAsync(PredictRequest request, CancellationToken cancellationToken) =>
        Task.FromResult<ModelResponse?>(ModelResponse.FromJson(new JsonArray(new JsonObject { ["result"] = new JsonArray(), ["counter"] = counter.Id })));

    public void Dispose() => Interlocked.Increment(ref counter.Disposed);
}

internal sealed class InstanceCounter
{
#pragma warning disable CA1051 // Interlocked needs fields.
    public int Created;
    public int Disposed;
#pragma warning restore CA1051

    public string Id { get; } = Guid.NewGuid().ToString("N");
}

/// <summary>Holds every prediction until released; records whether a prediction saw its cancellation.</summary>
internal sealed class BlockingModel(BlockingSwitch gate) : LabelStudioModel
{
    public override async Task<ModelResponse?> PredictAsync(PredictRequest request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref gate.Entered);
        try
        {
            await gate.Release.Task.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            gate.SawCancellation = true;
            throw;
        }

        return new ModelResponse(request.Tasks.Select(_ => new Prediction([])));
    }
}

internal sealed class BlockingSwitch
{
#pragma warning disable CA1051 // Interlocked needs a field.
    public int Entered;
#pragma warning restore CA1051

    public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool SawCancellation { get; set; }
}

/// <summary>A batching model: echoes each task's text, records the size of every call, throws for a task saying "fail".</summary>
[AdaptiveBatching(MaxBatchSize = 8, MaxWaitMilliseconds = 300)]
internal sealed class EchoBatchModel(BatchLog log) : LabelStudioModel
{
    private static readonly TagMatch Answer = new("answer", "text", "text");

    public override Task<ModelResponse?> PredictAsync(PredictRequest request, CancellationToken cancellationToken)
    {
        log.Record(request.Tasks.Count, request.IsInteractive);
        var texts = request.Tasks.Select(task => task.Data["text"]!.GetValue<string>()).ToList();
        if (texts.Contains("fail"))
        {
            throw new InvalidOperationException("a task says fail");
        }

        return Task.FromResult<ModelResponse?>(new ModelResponse(texts.Select(text => new Prediction([Region.TextArea(Answer, text)]))));
    }
}

internal sealed class BatchLog
{
    private readonly List<(int Tasks, bool Interactive)> _calls = [];

    public IReadOnlyList<(int Tasks, bool Interactive)> Calls
    {
        get
        {
            lock (_calls)
            {
                return [.. _calls];
            }
        }
    }

    public void Record(int tasks, bool interactive)
    {
        lock (_calls)
        {
            _calls.Add((tasks, interactive));
        }
    }
}
