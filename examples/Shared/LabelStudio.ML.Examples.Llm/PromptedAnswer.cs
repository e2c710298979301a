namespace LabelStudio.ML.Examples.Llm;

/// <summary>The regions a prompted example gives for one task, as the original: matched choices, the replies, the prompt echo.</summary>
public static class PromptedAnswer
{
    /// <summary>The score the original gives every prompted prediction.</summary>
    public const double Score = 0.1;

    /// <summary>
    /// Choices matched from the first reply's lines (when the config has Choices), all replies in the answer
    /// TextArea (when it has one), and the prompt lines echoed into the prompt TextArea.
    /// </summary>
    public static Prediction ToPrediction(PromptedTags tags, IReadOnlyList<string> replies, IReadOnlyList<string> prompts, IReadOnlyList<string>? choices = null)
    {
        ArgumentNullException.ThrowIfNull(tags);
        ArgumentNullException.ThrowIfNull(replies);
        var regions = new List<Region>();
        if (tags.Choices is { } choicesTag && replies.Count > 0)
        {
            var matched = choices ?? LabelMatcher.MatchLines(replies[0], tags.Labels);
            if (matched.Count > 0)
            {
                regions.Add(Region.Choices(choicesTag, matched));
            }
        }

        if (tags.Answer is { } answer && replies.Count > 0)
        {
            regions.Add(Region.TextArea(answer, replies));
        }

        regions.Add(Region.TextArea(tags.Prompt, prompts));
        return new Prediction(regions, Score);
    }
}
