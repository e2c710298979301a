namespace LabelStudio.ML.Examples.Text.Tests;

/// <summary>One MiniLM load for the whole test class.</summary>
public sealed class EncoderFixture : IDisposable
{
    public MiniLmEncoder Encoder { get; } = MiniLmEncoder.Load();

    public void Dispose() => Encoder.Dispose();
}
