namespace LabelStudio.ML.Examples.JsNlp.Tests;

/// <summary>compromise loaded once for the test class, with a small text cap so that truncation shows.</summary>
public sealed class RecognizerFixture : IDisposable
{
    public const int MaxTextLength = 40;

    public JsEntityRecognizer Recognizer { get; } = new([JsNlpModel.Compromise], MaxTextLength);

    public void Dispose() => Recognizer.Dispose();
}
