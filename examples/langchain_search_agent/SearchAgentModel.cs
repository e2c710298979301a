using System.Text.Json.Nodes;
using LabelStudio.ML;
using LabelStudio.ML.Examples.Llm;
using Microsoft.Extensions.AI;

namespace LangchainSearchAgent;

/// <summary>
/// A tool-using agent for <c>Text</c> tasks: the user's prompt (typed into the prompt <c>TextArea</c>, or the one stored
/// for the project by the last annotation) and the task's text go to a chat model that may call a search tool — Google
/// Custom Search or an offline index — as often as it needs (function calling). The answer fills the response
/// <c>TextArea</c>, the labels it names fill the <c>Choices</c>, and the snippets it read fill the snippets <c>TextArea</c>.
/// </summary>
public sealed class SearchAgentModel(ChatClientFactory clients, SearchTools tools, AgentSettings settings, IConfiguration configuration) : LabelStudioModel
{
    /// <summary>What the agent is told before the user's prompt.</summary>
    internal const string Instructions =
        "You are a careful research assistant. When the question needs facts you are not sure of, call the search tool, " +
        "then answer from what it returned. If the task offers labels, name the fitting label in your answer.";

    /// <inheritdoc />
    public override async Task<ModelResponse?> PredictAsync(PredictRequest request, CancellationToken cancellationToken)
    {
        var tags = AgentTags.Find(Config, settings);
        var prompt = request.IsInteractive
            ? string.Join("\n", PromptResults.Texts(request.ContextRegions, tags.Prompt.FromName))
            : State.Get(tags.Prompt.FromName) ?? "";
        if (prompt.Length == 0)
        {
            return new ModelResponse(request.Tasks.Select(_ => new Prediction([])));
        }

        var provider = Provider();
        var predictions = new List<Prediction>(request.Tasks.Count);
        foreach (var task in request.Tasks)
        {
            var text = await TaskData.ReadTextAsync(task, Config.GetObject(tags.Prompt.ToName), cancellationToken);
            var message = PromptTemplate.Fill(settings.Template, new Dictionary<string, string> { ["prompt"] = prompt, ["text"] = text }, task.ToString());
            var run = new SearchRun();
            string answer;
            try
            {
                answer = await AskAsync(provider, message, tags.Labels, run, cancellationToken);
            }
            catch (Exception ex) when (ProviderFailure.IsProviderFailure(ex))
            {
                throw ProviderFailure.ToAnswer(ex, $"the LLM provider ({provider})", task.ToString(), provider.ApiKey);
            }

            if (run.Failure is { } failure)
            {
                throw ProviderFailure.ToAnswer(failure, tools.Describe(), task.ToString(), settings.GoogleApiKey);
            }

            predictions.Add(new Prediction(Regions(tags, prompt, answer, run.Snippets)));
        }

        return new ModelResponse(predictions);
    }

    /// <inheritdoc />
    public override Task<object?> FitAsync(TrainingEvent trainingEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(trainingEvent);
        if (trainingEvent.Action is not (TrainingEvent.AnnotationCreated or TrainingEvent.AnnotationUpdated))
        {
            return Task.FromResult<object?>(new { Stored = false });
        }

        var tags = AgentTags.Find(Config, settings);
        var prompt = string.Join("\n", PromptResults.Texts(trainingEvent.Annotation?["result"] as JsonArray, tags.Prompt.FromName));
        State.Set(tags.Prompt.FromName, prompt);
        return Task.FromResult<object?>(new { Stored = prompt.Length > 0 });
    }

    private async Task<string> AskAsync(ChatProviderSettings provider, string message, IReadOnlyList<string> labels, SearchRun run, CancellationToken cancellationToken)
    {
        var tool = tools.Create(run);
        var options = new ChatOptions { Temperature = 0 };
        if (tool is not null)
        {
            options.Tools = [tool];
        }

        var system = labels.Count == 0 ? Instructions : $"{Instructions} The labels are: {string.Join(", ", labels)}.";
        var response = await clients.GetWithTools(provider, settings.MaxSteps).GetResponseAsync([new ChatMessage(ChatRole.System, system), new ChatMessage(ChatRole.User, message)], options, cancellationToken);
        return response.Text;
    }

    private static List<Region> Regions(AgentTags tags, string prompt, string answer, IReadOnlyList<string> snippets)
    {
        var regions = new List<Region> { Region.TextArea(tags.Prompt, prompt) };
        if (tags.Choices is { } choices && LabelMatcher.Mentioned(answer, tags.Labels) is { Count: > 0 } named)
        {
            regions.Add(Region.Choices(choices, named));
        }

        if (tags.Response is { } response)
        {
            regions.Add(Region.TextArea(response, answer));
        }

        if (tags.Snippets is { } snippetTag && snippets.Count > 0)
        {
            regions.Add(Region.TextArea(snippetTag, snippets));
        }

        return regions;
    }

    private ChatProviderSettings Provider()
    {
        try
        {
            return ChatProviderSettings.FromConfiguration(configuration, "OPENAI_MODEL", "gpt-3.5-turbo");
        }
        catch (LlmConfigurationException ex)
        {
            throw ProviderFailure.ToAnswer(ex, "the LLM provider", "Predictions");
        }
    }
}
