namespace TextExamples.Testing;

/// <summary>
/// A generated NER data set with PER, ORG and LOC entities: sentences from templates filled from name lists with a
/// fixed seed. Held-out sentences use other templates and names never seen in training.
/// </summary>
public static class EntityDataSet
{
    private static readonly string[] TrainPeople = ["Maria Lopez", "John Carter", "Aiko Tanaka", "David Miller", "Fatima Khan", "Peter Novak", "Laura Rossi", "Samuel Owusu", "Emma Schmidt", "Ivan Petrov"];
    private static readonly string[] HeldOutPeople = ["Sofia Andersson", "Kwame Mensah", "Lucas Martin", "Hannah Weber", "Ravi Sharma"];
    private static readonly string[] TrainOrganisations = ["Acme Corporation", "Globex", "Initech", "Northwind Traders", "Contoso Bank", "Blue River Energy", "Vertex Labs", "Oceanic Airlines"];
    private static readonly string[] HeldOutOrganisations = ["Stark Industries", "Umbrella Pharmaceuticals", "Wayne Enterprises", "Cyberdyne Systems"];
    private static readonly string[] TrainPlaces = ["Paris", "Berlin", "New York", "Tokyo", "Nairobi", "Madrid", "Toronto", "Lisbon", "Buenos Aires", "Oslo"];
    private static readonly string[] HeldOutPlaces = ["Rome", "Cairo", "San Francisco", "Helsinki", "Mumbai"];

    private static readonly string[] TrainTemplates =
    [
        "{PER} joined {ORG} in {LOC} last year.",
        "Yesterday {PER} flew to {LOC} to meet the board of {ORG}.",
        "{ORG} opened a new office in {LOC}.",
        "According to {PER}, the deal with {ORG} is almost done.",
        "{PER} was born in {LOC}.",
        "The conference in {LOC} was sponsored by {ORG}.",
    ];

    private static readonly string[] HeldOutTemplates =
    [
        "In {LOC}, {PER} signed a contract with {ORG}.",
        "Shares of {ORG} rose after {PER} spoke.",
        "{PER} moved from {LOC} because of a job at {ORG}.",
    ];

    public static List<EntitySentence> Train(int count, int seed = 13) =>
        Generate(count, seed, TrainTemplates, TrainPeople, TrainOrganisations, TrainPlaces);

    public static List<EntitySentence> HeldOut(int count, int seed = 17) =>
        Generate(count, seed, HeldOutTemplates, HeldOutPeople, HeldOutOrganisations, HeldOutPlaces);

    private static List<EntitySentence> Generate(int count, int seed, string[] templates, string[] people, string[] organisations, string[] places)
    {
        var random = new Random(seed);
        var sentences = new List<EntitySentence>(count);
        for (var i = 0; i < count; i++)
        {
            var template = templates[random.Next(templates.Length)];
            var text = "";
            var entities = new List<(int Start, int End, string Label)>();
            var position = 0;
            while (position < template.Length)
            {
                var open = template.IndexOf('{', position);
                if (open < 0)
                {
                    text += template[position..];
                    break;
                }

                text += template[position..open];
                var close = template.IndexOf('}', open);
                var label = template[(open + 1)..close];
                var names = label switch { "PER" => people, "ORG" => organisations, _ => places };
                var name = names[random.Next(names.Length)];
                entities.Add((text.Length, text.Length + name.Length, label));
                text += name;
                position = close + 1;
            }

            sentences.Add(new EntitySentence(text, entities));
        }

        return sentences;
    }
}

/// <summary>A sentence with its entities (offsets in characters; the texts are ASCII, so also in code points).</summary>
public sealed record EntitySentence(string Text, IReadOnlyList<(int Start, int End, string Label)> Entities);
