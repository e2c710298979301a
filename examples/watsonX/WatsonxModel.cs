using LabelStudio.ML;
using LabelStudio.ML.Examples.Llm;

namespace WatsonX;

/// <summary>
/// Prompted labeling with IBM watsonx.ai, as <c>llm_interactive</c> does it: the prompt typed into the prompt
/// <c>TextArea</c> (or <c>DEFAULT_PROMPT</c>) is filled with the task's text and generated on; the output becomes the
/// matched <c>Choices</c>, the answer <c>TextArea</c> and an echo of the prompt. No training.
/// </summary>
public sealed class WatsonxModel(WatsonxClient watsonx, PromptSettings prompts, IConfiguration configuration) : LabelStudioModel
{
    /// <inheritdoc />
    public override async Task<ModelResponse?> PredictAsync(PredictRequest request, CancellationToken cancellationToken)
    {
        var tags = PromptedTags.Find(Config, prompts.PromptPrefix);
        IReadOnlyList<string> lines = request.IsInteractive
            ? PromptResults.Texts(request.ContextRegions, tags.Prompt.FromName)
            : prompts.DefaultPrompt is { } fallback ? [fallback] : [];
        if (lines.Count == 0)
        {
            return new ModelResponse(request.Tasks.Select(_ => new Prediction([])));
        }

        var settings = WatsonxSettings.FromConfiguration(configuration);
        var prompt = string.Join("\n", lines);
        var predictions = new List<Prediction>(request.Tasks.Count);
        foreach (var task in request.Tasks)
        {
            var text = await TaskInputText.ReadAsync(TaskData, task, tags.Object, imageText: null, cancellationToken);
            var input = prompts.Build(text, prompt, tags.Labels, task);
            string generated;
            try
            {
                settings.EnsureCredentials();
                generated = await watsonx.GenerateAsync(settings, input, cancellationToken);
            }
            catch (Exception ex) when (ProviderFailure.IsProviderFailure(ex))
            {
                throw ProviderFailure.ToAnswer(ex, settings.ToString(), task.ToString(), settings.ApiKey);
            }

            predictions.Add(PromptedAnswer.ToPrediction(tags, [generated.Trim()], lines));
        }

        return new ModelResponse(predictions);
    }
}
