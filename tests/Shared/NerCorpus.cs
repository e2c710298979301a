namespace LabelStudio.ML.Examples.JsNlp.Testing;

/// <summary>A gold entity: its type (PERSON, PLACE, ORG, DATE, MONEY, PERCENT, TIME) and its UTF-16 range.</summary>
internal sealed record GoldEntity(string Type, int Start, int End);

/// <summary>A generated sentence and its gold entities.</summary>
internal sealed record GoldSentence(string Text, IReadOnlyList<GoldEntity> Entities);

/// <summary>
/// Named-entity sentences generated deterministically from frames and lists of well-known people's names, places,
/// organizations, dates and amounts, with the gold spans known by construction. Shared by the spacy and flair tests.
/// </summary>
internal static class NerCorpus
{
    private static readonly string[] FirstNames = ["John", "Mary", "Michael", "Sarah", "David", "Emma", "James", "Linda", "Robert", "Susan", "Thomas", "Laura", "Daniel", "Anna", "Peter", "Alice"];
    private static readonly string[] LastNames = ["Smith", "Johnson", "Williams", "Brown", "Miller", "Davis", "Wilson", "Taylor", "Anderson", "Clark", "Walker", "Harris", "Lewis", "Young", "King", "Wright"];
    private static readonly string[] Places = ["Paris", "London", "Berlin", "Tokyo", "Canada", "Germany", "New York", "California", "Madrid", "Chicago", "Italy", "Boston", "Texas", "Brazil", "Sydney", "India"];
    private static readonly string[] Organizations = ["Microsoft", "Google", "IBM", "Siemens", "Toyota", "the United Nations", "Harvard University", "the World Bank", "Amazon", "Boeing", "Intel", "the Red Cross", "NASA", "Ford", "the FBI", "Oxford University"];
    private static readonly string[] Dates = ["5 June 2023", "March 3, 2021", "last Tuesday", "January 2020", "12 October 2019", "next Monday"];
    private static readonly string[] Money = ["$1,299", "$45 million", "20 dollars", "$3.5 billion"];
    private static readonly string[] Percents = ["5%", "12 percent", "40%"];

    private static readonly string[] Frames =
    [
        "{PERSON} flew from {PLACE} to {PLACE} on {DATE}.",
        "{PERSON} joined {ORG} in {PLACE}.",
        "Officials at {ORG} said {PERSON} would visit {PLACE} soon.",
        "{ORG} paid {MONEY} to settle the case in {PLACE}.",
        "According to {PERSON}, sales at {ORG} rose {PERCENT} in {PLACE}.",
        "On {DATE}, {PERSON} met {PERSON} in {PLACE}.",
        "{PERSON} works for {ORG}.",
        "The office of {ORG} in {PLACE} hired {PERSON} on {DATE}.",
    ];

    /// <summary><paramref name="count"/> sentences, frames in turn.</summary>
    public static IReadOnlyList<GoldSentence> Sentences(int count, int seed = 5)
    {
        var random = new Random(seed);
        var sentences = new List<GoldSentence>(count);
        for (var i = 0; i < count; i++)
        {
            var frame = Frames[i % Frames.Length];
            var text = new System.Text.StringBuilder();
            var entities = new List<GoldEntity>();
            var at = 0;
            while (at < frame.Length)
            {
                var open = frame.IndexOf('{', at);
                if (open < 0)
                {
                    text.Append(frame, at, frame.Length - at);
                    break;
                }

                text.Append(frame, at, open - at);
                var close = frame.IndexOf('}', open);
                var type = frame[(open + 1)..close];
                var value = type switch
                {
                    "PERSON" => $"{FirstNames[random.Next(FirstNames.Length)]} {LastNames[random.Next(LastNames.Length)]}",
                    "PLACE" => Places[random.Next(Places.Length)],
                    "ORG" => Organizations[random.Next(Organizations.Length)],
                    "DATE" => Dates[random.Next(Dates.Length)],
                    "MONEY" => Money[random.Next(Money.Length)],
                    _ => Percents[random.Next(Percents.Length)],
                };
                // "the" is not part of an organization's name in CoNLL or OntoNotes.
                var name = value.StartsWith("the ", StringComparison.Ordinal) ? value[4..] : value;
                var start = text.Length + (value.Length - name.Length);
                if (text.Length == 0)
                {
                    value = char.ToUpperInvariant(value[0]) + value[1..];
                }

                text.Append(value);
                entities.Add(new GoldEntity(type, start, start + name.Length));
                at = close + 1;
            }

            sentences.Add(new GoldSentence(text.ToString(), entities));
        }

        return sentences;
    }

    /// <summary>Micro-averaged precision, recall and F1 of exact (type, start, end) matches over the given gold types.</summary>
    public static (double Precision, double Recall, double F1) Score(
        IReadOnlyList<GoldSentence> sentences, IReadOnlyList<IReadOnlyList<GoldEntity>> predicted, IReadOnlySet<string> types)
    {
        int truePositives = 0, predictedCount = 0, goldCount = 0;
        for (var i = 0; i < sentences.Count; i++)
        {
            var gold = sentences[i].Entities.Where(entity => types.Contains(entity.Type)).ToHashSet();
            var found = predicted[i].Where(entity => types.Contains(entity.Type)).ToHashSet();
            goldCount += gold.Count;
            predictedCount += found.Count;
            truePositives += found.Count(gold.Contains);
        }

        var precision = predictedCount == 0 ? 0 : truePositives / (double)predictedCount;
        var recall = goldCount == 0 ? 0 : truePositives / (double)goldCount;
        return (precision, recall, precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall));
    }

    /// <summary>
    /// Scores predicted spans per label (label → its gold type and F1 floor), writes each figure to <paramref name="log"/>,
    /// and returns the labels below their floor.
    /// </summary>
    public static List<string> BelowFloors(
        IReadOnlyList<GoldSentence> sentences, IReadOnlyList<IReadOnlyList<PredictedSpan>> predicted, IReadOnlyDictionary<string, (string Gold, double Floor)> labels, Action<string> log)
    {
        var asGold = predicted.Select(spans => (IReadOnlyList<GoldEntity>)[.. spans.Select(span => new GoldEntity(labels[span.Label].Gold, span.Start, span.End))]).ToList();
        var failures = new List<string>();
        foreach (var (label, (gold, floor)) in labels)
        {
            var (precision, recall, f1) = Score(sentences, asGold, new HashSet<string> { gold });
            log($"{label}: precision {precision:P1}, recall {recall:P1}, F1 {f1:P1}");
            if (f1 < floor)
            {
                failures.Add($"{label} F1 {f1:P1} < {floor:P0}");
            }
        }

        return failures;
    }
}
