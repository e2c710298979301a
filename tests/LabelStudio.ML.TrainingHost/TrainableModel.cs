using System.Globalization;

namespace LabelStudio.ML.TrainingHost;

/// <summary>
/// A model whose "weights" are a file holding the version they were trained as: a prediction answers that text, so
/// a test sees which model files served it and can compare them with the version stamped on the prediction.
/// </summary>
/// <remarks>
/// Settings (environment or test configuration): <c>FIT_DELAY_MS</c> makes each fit take that long, in four steps
/// that report progress and honour cancellation; <c>FIT_FAIL=1</c> makes fits throw. A task whose data names a
/// <c>state_key</c> is answered with that key's value in the project state instead, so a test sees what the store holds.
/// </remarks>
public class TrainableModel(IConfiguration configuration) : LabelStudioModel
{
    /// <summary>The file a committed version holds.</summary>
    public const string WeightsFile = "weights.txt";

    /// <summary>What predictions say before the first training.</summary>
    public const string Untrained = "untrained";

    private static readonly TagMatch Answer = new("answer", "text", "text");

    /// <inheritdoc />
    public override Task<ModelResponse?> PredictAsync(PredictRequest request, CancellationToken cancellationToken)
    {
        var weights = Artifacts.CurrentDirectory is { } directory ? File.ReadAllText(Path.Combine(directory, WeightsFile)) : Untrained;
        return Task.FromResult<ModelResponse?>(new ModelResponse(request.Tasks.Select(task =>
        {
            var answer = task.Data["state_key"]?.GetValue<string>() is { } key ? State.Get(key) ?? "(none)" : weights;
            return new Prediction([Region.TextArea(Answer, answer)], 1.0);
        })));
    }

    /// <inheritdoc />
    public override async Task<object?> FitAsync(TrainingEvent trainingEvent, CancellationToken cancellationToken)
    {
        var delay = TimeSpan.FromMilliseconds(configuration.GetValue("FIT_DELAY_MS", 0));
        for (var step = 1; step <= 4; step++)
        {
            await Task.Delay(delay / 4, cancellationToken);
            trainingEvent.ReportProgress(step / 4.0, $"step {step} of 4");
        }

        if (configuration.GetValue("FIT_FAIL", 0) == 1)
        {
            throw new InvalidOperationException("the annotations disagree with each other");
        }

        var fits = int.Parse(State.Get("fits") ?? "0", CultureInfo.InvariantCulture) + 1;
        var version = $"{fits}.0.0";
        using var draft = Artifacts.CreateDraft();
        await File.WriteAllTextAsync(Path.Combine(draft.Directory, WeightsFile), version, cancellationToken);
        State.Set("fits", fits.ToString(CultureInfo.InvariantCulture));
        draft.Commit(version);
        return new { Version = version, Events = trainingEvent.FoldedEvents.Select(e => e.Action).ToList() };
    }
}
