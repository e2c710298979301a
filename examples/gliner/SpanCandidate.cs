namespace Gliner;

/// <summary>A scored span of words: words <paramref name="FirstWord"/> to <paramref name="LastWord"/> (inclusive) as entity <paramref name="Label"/>.</summary>
/// <param name="FirstWord">Index of the span's first word.</param>
/// <param name="LastWord">Index of the span's last word (inclusive).</param>
/// <param name="Label">Index into the prompt's labels.</param>
/// <param name="Score">The span's score in [0, 1]: a probability (GLiNER) or a cosine similarity (the MiniLM fallback).</param>
public readonly record struct SpanCandidate(int FirstWord, int LastWord, int Label, double Score);
