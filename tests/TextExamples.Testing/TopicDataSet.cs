namespace TextExamples.Testing;

/// <summary>
/// A generated topic-classification data set (Sports, Politics, Technology, Food): short texts built from templates
/// and per-topic word lists with a fixed seed, so every run sees the same texts. Held-out texts use other templates
/// and other words than the training texts, so a high held-out accuracy means the model generalises, not memorises.
/// </summary>
public static class TopicDataSet
{
    public static readonly string[] Topics = ["Sports", "Politics", "Technology", "Food"];

    private static readonly Dictionary<string, (string[] Train, string[] HeldOut)> Subjects = new()
    {
        ["Sports"] = (["the striker", "the football match", "the tennis final", "the goalkeeper", "the league table", "the marathon runners", "the basketball coach", "the cup tie"],
            ["the cricket team", "the rugby squad", "the world championship", "the sprinter", "the referee's decision"]),
        ["Politics"] = (["the senator", "the parliament", "the election campaign", "the prime minister", "the new tax bill", "the opposition party", "the coalition talks", "the city council vote"],
            ["the presidential debate", "the foreign minister", "the budget proposal", "the governor", "the ballot count"]),
        ["Technology"] = (["the new smartphone", "the software update", "the chip maker", "the cloud platform", "the startup's app", "the laptop battery", "the programming language", "the data centre"],
            ["the operating system", "the graphics card", "the open-source library", "the robot vacuum", "the browser extension"]),
        ["Food"] = (["the pasta recipe", "the bakery", "the chocolate cake", "the vegetable soup", "the pizza oven", "the chef's menu", "the coffee roaster", "the street food market"],
            ["the sushi restaurant", "the barbecue sauce", "the apple pie", "the curry dish", "the cheese platter"]),
    };

    private static readonly Dictionary<string, (string[] Train, string[] HeldOut)> Actions = new()
    {
        ["Sports"] = (["scored twice in the second half", "won the title after extra time", "was booed by the fans", "trained hard before the season"],
            ["lost on penalties", "set a new personal best", "was sent off in the first minute"]),
        ["Politics"] = (["passed the reform with a narrow majority", "lost support among voters", "promised lower taxes", "faced tough questions from journalists"],
            ["vetoed the legislation", "called for an early election", "signed the trade agreement"]),
        ["Technology"] = (["crashed after the latest release", "shipped a faster processor", "fixed a security vulnerability", "sold out within hours online"],
            ["added support for wireless charging", "leaked users' passwords", "was rewritten in a memory-safe language"]),
        ["Food"] = (["tasted far too salty", "won a prize for the best dessert", "needs fresh basil and garlic", "was served with warm bread"],
            ["was baked for forty minutes", "used too much chili pepper", "became the most ordered dish"]),
    };

    private static readonly string[] TrainTemplates =
    [
        "Yesterday {subject} {action}.",
        "Reports say that {subject} {action}.",
        "Everyone is talking about how {subject} {action}.",
        "It was no surprise that {subject} {action}.",
    ];

    private static readonly string[] HeldOutTemplates =
    [
        "Did you hear? {subject} {action}!",
        "According to this morning's paper, {subject} {action}.",
        "My neighbour told me {subject} {action}.",
    ];

    /// <summary><paramref name="count"/> training texts with their topics, in a shuffled, seeded order.</summary>
    public static List<(string Text, string Topic)> Train(int count, int seed = 7) => Generate(count, seed, heldOut: false);

    /// <summary><paramref name="count"/> held-out texts (other templates and words) with their topics.</summary>
    public static List<(string Text, string Topic)> HeldOut(int count, int seed = 11) => Generate(count, seed, heldOut: true);

    private static List<(string Text, string Topic)> Generate(int count, int seed, bool heldOut)
    {
        var random = new Random(seed);
        var templates = heldOut ? HeldOutTemplates : TrainTemplates;
        var result = new List<(string, string)>(count);
        for (var i = 0; i < count; i++)
        {
            var topic = Topics[i % Topics.Length];
            var subjects = heldOut ? Subjects[topic].HeldOut : Subjects[topic].Train;
            var actions = heldOut ? Actions[topic].HeldOut : Actions[topic].Train;
            var text = templates[random.Next(templates.Length)]
                .Replace("{subject}", subjects[random.Next(subjects.Length)], StringComparison.Ordinal)
                .Replace("{action}", actions[random.Next(actions.Length)], StringComparison.Ordinal);
            result.Add((char.ToUpperInvariant(text[0]) + text[1..], topic));
        }

        return [.. result.OrderBy(_ => random.Next())];
    }
}
