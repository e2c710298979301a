namespace NemoAsr;

/// <summary>What an engine heard in one clip.</summary>
/// <param name="Text">The words, lower-case for pocketsphinx; empty when nothing was recognised.</param>
/// <param name="Score">The engine's confidence in the transcript, 0 to 1.</param>
public sealed record Transcript(string Text, double Score);
