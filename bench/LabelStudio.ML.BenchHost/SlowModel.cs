namespace LabelStudio.ML.BenchHost;

/// <summary>Takes <c>SLOW_MODEL_MS</c> (default 20 ms) per request, as a small neural network would: fills the prediction slots.</summary>
public sealed class SlowModel(IConfiguration configuration) : LabelStudioModel
{
    private static readonly TagMatch Sentiment = new("sentiment", "text", "text");

    /// <inheritdoc />
    public override async Task<ModelResponse?> PredictAsync(PredictRequest request, CancellationToken cancellationToken)
    {
        await Task.Delay(configuration.GetValue("SLOW_MODEL_MS", 20), cancellationToken);
        return new ModelResponse(request.Tasks.Select(_ => new Prediction([Region.Choices(Sentiment, "Positive")], 0.5)));
    }
}
