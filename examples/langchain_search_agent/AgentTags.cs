using LabelStudio.ML;

namespace LangchainSearchAgent;

/// <summary>The agent's tags: TextAreas named by prefix (prompt, response, snippets) and a Choices, all on one Text.</summary>
internal sealed record AgentTags(TagMatch Prompt, TagMatch? Response, TagMatch? Snippets, TagMatch? Choices, IReadOnlyList<string> Labels)
{
    public static AgentTags Find(LabelConfig config, AgentSettings settings)
    {
        var promptPrefix = settings.PromptPrefix.ToLowerInvariant();
        if (!config.TryFirstTag(["TextArea"], ["Text"], name => name.StartsWith(promptPrefix, StringComparison.Ordinal), null, out var prompt))
        {
            throw new LabelConfigException($"The label config has no <TextArea> whose name starts with '{settings.PromptPrefix}' on a <Text>; the prompt is typed there (PROMPT_PREFIX sets the prefix).");
        }

        var target = prompt.ToName.ToLowerInvariant();
        TagMatch? Named(string prefix) =>
            config.TryFirstTag(["TextArea"], ["Text"], name => name.StartsWith(prefix.ToLowerInvariant(), StringComparison.Ordinal), name => name == target, out var match) ? match : null;
        TagMatch? choices = config.TryFirstTag(["Choices"], ["Text"], null, name => name == target, out var found) ? found : null;
        return new AgentTags(prompt, Named(settings.ResponsePrefix), Named(settings.SnippetsPrefix), choices, choices is { } c ? config.GetControl(c.FromName).Labels : []);
    }
}
