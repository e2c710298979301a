using System.Text.Json;
using System.Text.Json.Nodes;
using LabelStudio.ML;
using LabelStudio.ML.Examples.Llm;
using Microsoft.Extensions.AI;

namespace LlmInteractive;

/// <summary>
/// Prompted labeling with a chat model (OpenAI, Azure OpenAI, Ollama or any OpenAI-compatible server): the prompt a
/// user types into the prompt <c>TextArea</c> — or the one stored for the project, or <c>DEFAULT_PROMPT</c> — is
/// filled with the task's text and sent; the reply becomes the matched <c>Choices</c>, the answer <c>TextArea</c> and
/// an echo of the prompt. An annotation carrying a new prompt stores it for the project and moves the model version on.
/// </summary>
public sealed class LlmInteractiveModel(
    ChatClientFactory clients, InteractiveSettings settings, IConfiguration configuration, ITaskImageText imageText) : LabelStudioModel
{
    /// <summary>The state key of a project's prompt: the prompt tag's name, as in the original.</summary>
    internal static string PromptKey(PromptedTags tags) => tags.Prompt.FromName;

    /// <inheritdoc />
    public override async Task<ModelResponse?> PredictAsync(PredictRequest request, CancellationToken cancellationToken)
    {
        var tags = PromptedTags.Find(Config, settings.Prompts.PromptPrefix);
        var prompts = SelectPrompts(tags, request.Context);
        if (prompts.Count == 0)
        {
            // Nothing to ask yet: no prompt typed, stored or configured.
            return new ModelResponse(request.Tasks.Select(_ => new Prediction([])));
        }

        var prompt = string.Join("\n", prompts);
        var (provider, options, responses) = ChatSetup(tags);
        var predictions = new List<Prediction>(request.Tasks.Count);
        foreach (var task in request.Tasks)
        {
            var text = await TaskInputText.ReadAsync(TaskData, task, tags.Object, imageText, cancellationToken);
            var message = settings.Prompts.Build(text, prompt, tags.Labels, task);
            var replies = new List<string>(responses);
            try
            {
                var client = clients.Get(provider);
                for (var i = 0; i < responses; i++)
                {
                    var response = await client.GetResponseAsync([new ChatMessage(ChatRole.User, message)], options, cancellationToken);
                    replies.Add(response.Text);
                }
            }
            catch (Exception ex) when (ProviderFailure.IsProviderFailure(ex))
            {
                throw ProviderFailure.ToAnswer(ex, $"the LLM provider ({provider})", task.ToString(), provider.ApiKey);
            }

            if (options.ResponseFormat is not null)
            {
                try
                {
                    var (choices, answer) = StructuredChoices.Read(replies[0], tags.Labels);
                    predictions.Add(PromptedAnswer.ToPrediction(tags, [answer, .. replies.Skip(1)], prompts, choices));
                }
                catch (ProviderException ex)
                {
                    throw ProviderFailure.ToAnswer(ex, $"the LLM provider ({provider})", task.ToString());
                }
            }
            else
            {
                predictions.Add(PromptedAnswer.ToPrediction(tags, replies, prompts));
            }
        }

        return new ModelResponse(predictions);
    }

    /// <inheritdoc />
    public override Task<object?> FitAsync(TrainingEvent trainingEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(trainingEvent);
        if (trainingEvent.Action is not (TrainingEvent.AnnotationCreated or TrainingEvent.AnnotationUpdated))
        {
            return Task.FromResult<object?>(new { Stored = false, Reason = $"{trainingEvent.Action} carries no prompt" });
        }

        var tags = PromptedTags.Find(Config, settings.Prompts.PromptPrefix);
        var prompts = PromptResults.Texts(trainingEvent.Annotation?["result"] as JsonArray, tags.Prompt.FromName);
        if (prompts.Count == 0)
        {
            return Task.FromResult<object?>(new { Stored = false, Reason = $"the annotation has no '{tags.Prompt.FromName}' prompt" });
        }

        var prompt = string.Join("\n", prompts);
        var current = State.Get(PromptKey(tags));
        if (current is not null && SameLines(current, prompt))
        {
            return Task.FromResult<object?>(new { Stored = false, Reason = "the prompt did not change", Version = ModelVersion });
        }

        State.Set(PromptKey(tags), prompt);
        var version = BumpModelVersion();
        Logger.LogInformation("Project {Project}: new prompt stored as model version {Version}", ProjectId, version);
        return Task.FromResult<object?>(new { Stored = true, Version = version });
    }

    /// <summary>The prompt lines: the interactive context's, else the project's stored prompt, else DEFAULT_PROMPT.</summary>
    private IReadOnlyList<string> SelectPrompts(PromptedTags tags, JsonObject? context)
    {
        if (context?["result"] is JsonArray { Count: > 0 } results)
        {
            return PromptResults.Texts(results, tags.Prompt.FromName);
        }

        if (State.Get(PromptKey(tags)) is { Length: > 0 } stored)
        {
            return [stored];
        }

        return settings.Prompts.DefaultPrompt is { } fallback ? [fallback] : [];
    }

    /// <summary>The provider (the project's extra param <c>model</c> may choose the model), the call options and the number of replies.</summary>
    private (ChatProviderSettings Provider, ChatOptions Options, int Responses) ChatSetup(PromptedTags tags)
    {
        var extra = ExtraParams;
        try
        {
            var provider = ChatProviderSettings.FromConfiguration(configuration, "OPENAI_MODEL", "gpt-3.5-turbo", Text(extra["model"]));
            var options = new ChatOptions
            {
                Temperature = (float)(extra["temperature"] is { } temperature ? InteractiveSettings.ParseTemperature(Text(temperature), "The extra param 'temperature'") : settings.Temperature),
            };
            if (settings.StructuredOutput && tags.Choices is not null)
            {
                options.ResponseFormat = StructuredChoices.Format(tags.Labels);
            }

            var responses = extra["num_responses"] is { } count ? InteractiveSettings.ParseResponses(Text(count), "The extra param 'num_responses'") : settings.NumResponses;
            return (provider, options, responses);
        }
        catch (LlmConfigurationException ex)
        {
            throw ProviderFailure.ToAnswer(ex, "the LLM provider", "Predictions");
        }
    }

    private static string? Text(JsonNode? node) => node switch
    {
        JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
        JsonValue value => value.ToJsonString(),
        _ => null,
    };

    /// <summary>Whether two prompts have the same lines (the original compares prompts line by line).</summary>
    private static bool SameLines(string a, string b) =>
        a.ReplaceLineEndings("\n").Split('\n').SequenceEqual(b.ReplaceLineEndings("\n").Split('\n'), StringComparer.Ordinal);
}
