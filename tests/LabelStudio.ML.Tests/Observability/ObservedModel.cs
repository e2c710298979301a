using LabelStudio.ML.Tests.Support;

namespace LabelStudio.ML.Tests.Observability;

/// <summary>
/// Reads each task's text through <see cref="LabelStudioModel.TaskData"/> (inline or an upload), labels it Positive
/// when it says "good"; learns by bumping its model version.
/// </summary>
internal sealed class ObservedModel : LabelStudioModel
{
    public override async Task<ModelResponse?> PredictAsync(PredictRequest request, CancellationToken cancellationToken)
    {
        var tag = Config.FirstTag("Choices", "Text");
        var predictions = new List<Prediction>();
        foreach (var task in request.Tasks)
        {
            var text = await TaskData.ReadTextAsync(task, Config.GetObject(tag.ToName), cancellationToken);
            predictions.Add(new Prediction([Region.Choices(tag, text.Contains("good", StringComparison.Ordinal) ? "Positive" : "Negative")]));
        }

        return new ModelResponse(predictions);
    }

    public override Task<object?> FitAsync(TrainingEvent trainingEvent, CancellationToken cancellationToken) =>
        Task.FromResult<object?>(BumpModelVersion());

    /// <summary>The label config the model reads: <see cref="Payloads.SentimentConfig"/>.</summary>
    public const string LabelConfig = Payloads.SentimentConfig;
}
