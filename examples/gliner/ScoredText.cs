using LabelStudio.ML.Examples.Text;

namespace Gliner;

/// <summary>A text's words (the ones the scorer read) and every span the scorer rated, before the threshold.</summary>
/// <param name="Words">The words, in UTF-16 positions of the text.</param>
/// <param name="Candidates">The rated spans over <paramref name="Words"/>.</param>
public sealed record ScoredText(IReadOnlyList<TextWord> Words, IReadOnlyList<SpanCandidate> Candidates);

/// <summary>Rates the spans of texts as entities of the prompt's labels.</summary>
public interface ISpanScorer
{
    /// <summary>A short name of the scorer, stored with the threshold tuned for it.</summary>
    string Name { get; }

    /// <summary>The threshold used until START_TRAINING tunes one.</summary>
    double DefaultThreshold { get; }

    /// <summary>The rated spans of every text, in one batch.</summary>
    IReadOnlyList<ScoredText> Score(IReadOnlyList<string> texts, IReadOnlyList<EntityPrompt> labels);
}
