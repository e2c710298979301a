namespace LabelStudio.ML.BenchHost;

/// <summary>Answers one fixed choice per task: what is left is the cost of the protocol and the server.</summary>
public sealed class TrivialModel : LabelStudioModel
{
    /// <summary>The answer to a one-task request, byte for byte what the SDK writes for this model.</summary>
    public const string FixedAnswer =
        "{\"results\":[{\"model_version\":\"0.0.1\",\"score\":0.5,\"result\":[{\"id\":\"bench00001\",\"from_name\":\"sentiment\",\"to_name\":\"text\",\"type\":\"choices\",\"value\":{\"choices\":[\"Positive\"]}}]}]}";

    private static readonly TagMatch Sentiment = new("sentiment", "text", "text");

    /// <inheritdoc />
    public override Task<ModelResponse?> PredictAsync(PredictRequest request, CancellationToken cancellationToken)
    {
        var predictions = new Prediction[request.Tasks.Count];
        for (var i = 0; i < predictions.Length; i++)
        {
            predictions[i] = new Prediction([Region.Choices(Sentiment, "Positive", id: "bench00001")], 0.5);
        }

        return Task.FromResult<ModelResponse?>(new ModelResponse(predictions));
    }
}
