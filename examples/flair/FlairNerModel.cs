using LabelStudio.ML.Examples.JsNlp;

namespace Flair;

/// <summary>
/// Named entities with Flair's CoNLL-03 label names (PER, ORG, LOC), found by the compromise English model, which
/// runs in-process and offline. MISC is never predicted: compromise has no such class.
/// </summary>
public sealed class FlairNerModel(JsEntityRecognizer recognizer) : JsNerModel(recognizer)
{
    private static readonly Dictionary<string, IReadOnlyList<string>> Names = new(StringComparer.Ordinal)
    {
        [JsEntityTypes.Person] = ["PER", "PERSON"],
        [JsEntityTypes.Place] = ["LOC", "GPE"],
        [JsEntityTypes.Organization] = ["ORG"],
    };

    /// <inheritdoc />
    protected override IReadOnlyDictionary<string, IReadOnlyList<string>> LabelNames => Names;
}
