namespace LabelStudio.ML.Examples.Llm;

/// <summary>
/// The tags of a prompted labeling config: the prompt <c>TextArea</c> (its name starts with the prompt prefix), the
/// object it points at, and what the model fills for that object — a <c>Choices</c> and/or another <c>TextArea</c>.
/// </summary>
public sealed record PromptedTags(TagMatch Prompt, ObjectTag Object, TagMatch? Choices, IReadOnlyList<string> Labels, TagMatch? Answer)
{
    /// <summary>Finds the tags in <paramref name="config"/>.</summary>
    /// <exception cref="LabelConfigException">No prompt TextArea, or neither Choices nor an answer TextArea for its object.</exception>
    public static PromptedTags Find(LabelConfig config, string promptPrefix)
    {
        ArgumentNullException.ThrowIfNull(config);
        var prefix = promptPrefix.ToLowerInvariant();
        if (!config.TryFirstTag(["TextArea"], TaskInputText.SupportedObjects, name => name.StartsWith(prefix, StringComparison.Ordinal), null, out var prompt))
        {
            throw new LabelConfigException(
                $"The label config has no <TextArea> whose name starts with '{promptPrefix}' on a {string.Join(", ", TaskInputText.SupportedObjects)} object; the prompt is typed there (PROMPT_PREFIX sets the prefix).");
        }

        var target = config.GetObject(prompt.ToName);
        var objectName = target.Name.ToLowerInvariant();
        TagMatch? choices = config.TryFirstTag(["Choices"], TaskInputText.SupportedObjects, null, name => name == objectName, out var choicesMatch) ? choicesMatch : null;
        var promptName = prompt.FromName.ToLowerInvariant();
        TagMatch? answer = config.TryFirstTag(["TextArea"], TaskInputText.SupportedObjects, name => name != promptName, name => name == objectName, out var answerMatch) ? answerMatch : null;
        if (choices is null && answer is null)
        {
            throw new LabelConfigException(
                $"The label config has neither a <Choices> nor a second <TextArea> for <{target.Tag} name=\"{target.Name}\">: there is nothing for the model's answer to fill.");
        }

        var labels = choices is { } found ? config.GetControl(found.FromName).Labels : [];
        return new PromptedTags(prompt, target, choices, labels, answer);
    }
}
