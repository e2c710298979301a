using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace LabelStudio.ML.Testing.Tests.Support;

/// <summary>
/// A tiny model for testing the test backend: a task whose text contains "good" is Positive, any other Negative.
/// Every request it gets is written down in <see cref="ReceivedPredictRequests"/> when that is registered.
/// </summary>
public sealed class KeywordSentimentModel(ReceivedPredictRequests? received = null) : LabelStudioModel
{
    /// <summary>The label config the model understands.</summary>
    public const string LabelConfig =
        "<View><Text name=\"text\" value=\"$text\"/><Choices name=\"sentiment\" toName=\"text\"><Choice value=\"Positive\"/><Choice value=\"Negative\"/></Choices></View>";

    public override Task<ModelResponse?> PredictAsync(PredictRequest request, CancellationToken cancellationToken)
    {
        received?.Add(new ReceivedPredictRequest(ProjectId, LabelConfigXml, [.. request.Tasks.Select(task => task.Id)], request.Context?.DeepClone(), request.Login, request.Password));
        var tag = Config.FirstTag("Choices", "Text");
        var predictions = request.Tasks.Select(task =>
        {
            var text = Config.GetObject(tag.ToName).ResolveText(task.Data, task.Id);
            var choice = text.Contains("good", StringComparison.OrdinalIgnoreCase) ? "Positive" : "Negative";
            return new Prediction([Region.Choices(tag, choice)], score: 0.5);
        });
        return Task.FromResult<ModelResponse?>(new ModelResponse(predictions));
    }
}

/// <summary>What the model saw of one <c>/predict</c> call.</summary>
public sealed record ReceivedPredictRequest(string ProjectId, string? LabelConfigXml, IReadOnlyList<long?> TaskIds, JsonNode? Context, string? Login, string? Password);

/// <summary>The <c>/predict</c> calls the model received, oldest first.</summary>
public sealed class ReceivedPredictRequests
{
    private readonly ConcurrentQueue<ReceivedPredictRequest> _requests = new();

    public IReadOnlyList<ReceivedPredictRequest> All => [.. _requests];

    public void Add(ReceivedPredictRequest request) => _requests.Enqueue(request);
}
