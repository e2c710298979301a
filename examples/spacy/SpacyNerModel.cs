using LabelStudio.ML.Examples.JsNlp;

namespace Spacy;

/// <summary>
/// Named entities with spaCy's label names (PERSON, ORG, GPE, DATE, TIME, MONEY, PERCENT, CARDINAL, ORDINAL, …),
/// found by the compromise and winkNLP English models, which run in-process and offline.
/// </summary>
public sealed class SpacyNerModel(JsEntityRecognizer recognizer) : JsNerModel(recognizer)
{
    private static readonly Dictionary<string, IReadOnlyList<string>> Names = new(StringComparer.Ordinal)
    {
        [JsEntityTypes.Person] = ["PERSON", "PER"],
        // spaCy says GPE for countries, cities and states and LOC for other places; the models do not tell them apart.
        [JsEntityTypes.Place] = ["GPE", "LOC"],
        [JsEntityTypes.Organization] = ["ORG"],
        // winkNLP's DURATION ("3 weeks") is a DATE to spaCy.
        ["DURATION"] = ["DATE"],
    };

    /// <inheritdoc />
    protected override IReadOnlyDictionary<string, IReadOnlyList<string>> LabelNames => Names;
}
