using Microsoft.Extensions.Configuration;

namespace LabelStudio.ML.Examples.Llm;

/// <summary>
/// How a prompted example turns a user prompt into what the model reads: <c>PROMPT_PREFIX</c>,
/// <c>USE_INTERNAL_PROMPT_TEMPLATE</c> (1), <c>PROMPT_TEMPLATE</c> and <c>DEFAULT_PROMPT</c> (text, or a file holding it).
/// </summary>
public sealed record PromptSettings(string PromptPrefix, bool UseInternalTemplate, string Template, string? DefaultPrompt)
{
    /// <summary>The internal template: the task's text, then the user's instruction.</summary>
    public const string DefaultTemplate = "Text:\n\"{text}\"\n\nInstruction:\n\"{prompt}\"";

    /// <summary>Reads the settings; a <c>DEFAULT_PROMPT</c> that names an existing file is read from it.</summary>
    /// <exception cref="LlmConfigurationException">DEFAULT_PROMPT is set while the internal template is on (the original refuses the pair too).</exception>
    public static PromptSettings FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var useInternal = SettingValues.Flag(configuration, "USE_INTERNAL_PROMPT_TEMPLATE", true);
        var defaultPrompt = configuration["DEFAULT_PROMPT"];
        if (!string.IsNullOrWhiteSpace(defaultPrompt) && File.Exists(defaultPrompt))
        {
            defaultPrompt = File.ReadAllText(defaultPrompt);
        }

        if (!string.IsNullOrWhiteSpace(defaultPrompt) && useInternal)
        {
            throw new LlmConfigurationException(
                "DEFAULT_PROMPT cannot be combined with the internal prompt template: set USE_INTERNAL_PROMPT_TEMPLATE=0 (the default prompt is then the whole prompt, with {labels} and task fields filled in) or unset DEFAULT_PROMPT.");
        }

        return new PromptSettings(
            string.IsNullOrWhiteSpace(configuration["PROMPT_PREFIX"]) ? "prompt" : configuration["PROMPT_PREFIX"]!,
            useInternal,
            string.IsNullOrEmpty(configuration["PROMPT_TEMPLATE"]) ? DefaultTemplate : configuration["PROMPT_TEMPLATE"]!,
            string.IsNullOrWhiteSpace(defaultPrompt) ? null : defaultPrompt);
    }

    /// <summary>
    /// What the model reads for one task: the internal template with <c>{text}</c>, <c>{prompt}</c> and
    /// <c>{labels}</c>, or else the user's prompt itself with <c>{labels}</c> and the task's data fields filled in.
    /// </summary>
    public string Build(string text, string prompt, IReadOnlyList<string> labels, LabelStudioTask task)
    {
        ArgumentNullException.ThrowIfNull(task);
        var labelText = string.Join(", ", labels);
        if (UseInternalTemplate)
        {
            return PromptTemplate.Fill(Template, new Dictionary<string, string> { ["text"] = text, ["prompt"] = prompt, ["labels"] = labelText }, task.ToString());
        }

        var fields = PromptTemplate.TaskFields(task.Data);
        fields["labels"] = labelText;
        return PromptTemplate.Fill(prompt, fields, task.ToString());
    }
}
