using LabelStudio.ML;
using LabelStudio.ML.Examples.Llm;

namespace HuggingFaceLlm;

/// <summary>
/// Text generation for <c>TextArea</c> → <c>Text</c>: each task's text is continued by the model and the
/// continuation is suggested in the TextArea. Pre-annotation only; nothing to train.
/// </summary>
public sealed class TextContinuationModel(TextGenerator generator, IConfiguration configuration) : LabelStudioModel
{
    /// <summary>The original's model version, stamped on every prediction (the model never changes).</summary>
    internal const string Version = "HuggingFaceLLM-v0.0.1";

    /// <inheritdoc />
    public override async Task<ModelResponse?> PredictAsync(PredictRequest request, CancellationToken cancellationToken)
    {
        var tag = Config.FirstTag("TextArea", "Text");
        var predictions = new List<Prediction>(request.Tasks.Count);
        foreach (var task in request.Tasks)
        {
            var text = await TaskData.ReadTextAsync(task, Config.GetObject(tag.ToName), cancellationToken);
            string continuation;
            try
            {
                continuation = await generator.ContinueAsync(text, cancellationToken);
            }
            catch (Exception ex) when (ProviderFailure.IsProviderFailure(ex))
            {
                throw ProviderFailure.ToAnswer(ex, Describe(), task.ToString(), configuration["OPENAI_API_KEY"]);
            }

            predictions.Add(new Prediction([Region.TextArea(tag, continuation)], modelVersion: Version));
        }

        return new ModelResponse(predictions, Version);
    }

    private string Describe()
    {
        try
        {
            return generator.Describe();
        }
        catch (LlmConfigurationException)
        {
            return "the text generator";
        }
    }
}
