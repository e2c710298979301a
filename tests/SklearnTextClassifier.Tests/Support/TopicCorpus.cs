namespace SklearnTextClassifier.Tests.Support;

/// <summary>One labelled text of the generated corpus.</summary>
internal sealed record TopicText(string Text, string Topic);

/// <summary>
/// A labelled corpus of short news-like sentences in five topics, generated deterministically from sentence frames
/// and per-topic word lists. The held-out set is written with frames the training set never uses and with a third
/// of each topic's words kept out of training, so a model passes only by generalizing from the words it did see.
/// Every sentence also carries topic-neutral filler, and one word in ten comes from another topic, so that no
/// single word gives the answer away.
/// </summary>
internal static class TopicCorpus
{
    public static readonly string[] Topics = ["Sports", "Politics", "Technology", "Business", "Health"];

    private static readonly Dictionary<string, string[]> Subjects = new()
    {
        ["Sports"] = ["the striker", "the goalkeeper", "the coach", "the home team", "the champion", "the midfielder", "the captain", "the referee", "the sprinter", "the tennis star", "the club", "the defender"],
        ["Politics"] = ["the senator", "the minister", "the parliament", "the governor", "the opposition party", "the president", "the mayor", "the cabinet", "the ambassador", "the coalition", "the prime minister", "the lawmakers"],
        ["Technology"] = ["the software team", "the chip maker", "the startup's engineers", "the developers", "the app", "the new smartphone", "the cloud platform", "the robot", "the programmers", "the search engine", "the browser", "the database"],
        ["Business"] = ["the company", "the investors", "the bank", "the retailer", "the shareholders", "the board", "the stock market", "the supplier", "the chief executive", "the factory", "the accountants", "the merchant"],
        ["Health"] = ["the doctor", "the hospital", "the nurses", "the patient", "the vaccine", "the clinic", "the surgeon", "the researchers", "the therapist", "the pharmacy", "the health agency", "the paramedics"],
    };

    private static readonly Dictionary<string, string[]> Actions = new()
    {
        ["Sports"] = ["scored a late goal in", "won the championship after", "trained hard before", "was injured during", "celebrated the victory in", "lost the final after", "broke the record at", "signed a contract before"],
        ["Politics"] = ["passed a new law on", "debated the budget during", "won the election after", "vetoed the bill before", "campaigned for votes in", "negotiated a treaty during", "resigned from office after", "proposed a tax reform in"],
        ["Technology"] = ["released a software update in", "fixed a security bug before", "launched a new processor during", "shipped the code after", "trained a neural network in", "patched the server before", "upgraded the operating system in", "encrypted the data after"],
        ["Business"] = ["reported record profits in", "cut costs before", "announced a merger during", "raised prices after", "paid a dividend in", "hired new staff before", "expanded into new markets during", "lowered its revenue forecast after"],
        ["Health"] = ["treated the infection in", "prescribed a new medicine after", "recovered from surgery during", "tested the blood samples before", "studied the disease in", "vaccinated the children during", "reduced the symptoms after", "diagnosed the illness in"],
    };

    private static readonly Dictionary<string, string[]> Objects = new()
    {
        ["Sports"] = ["the stadium", "the league match", "the tournament", "the olympic games", "the season opener", "the penalty shootout", "the marathon", "the playoffs", "the training camp"],
        ["Politics"] = ["the election campaign", "the parliament session", "the government crisis", "the summit", "the voting day", "the diplomatic talks", "the senate hearing", "the referendum", "the party congress"],
        ["Technology"] = ["the software release", "the data center", "the developer conference", "the hackathon", "the beta test", "the code review", "the product launch", "the network outage", "the firmware upgrade"],
        ["Business"] = ["the quarterly earnings call", "the shareholder meeting", "the trade fair", "the market crash", "the fiscal year", "the sales season", "the acquisition talks", "the investor briefing", "the price war"],
        ["Health"] = ["the flu season", "the clinical trial", "the emergency room", "the outbreak", "the medical checkup", "the hospital ward", "the recovery period", "the health screening", "the pandemic"],
    };

    private static readonly string[] Fillers =
        ["on Monday", "last week", "this morning", "according to reports", "in the city", "once again", "as expected", "late on Friday", "earlier this year", "for the first time"];

    private static readonly string[] TrainingFrames =
        ["{S} {A} {O} {F}.", "{F}, {S} {A} {O}.", "Reports say {S} {A} {O}.", "{S} {A} {O}, {F}.", "News: {S} {A} {O} {F}."];

    private static readonly string[] HeldOutFrames =
        ["It was {F} that {S} {A} {O}.", "Observers noted that {S} {A} {O}.", "{S}, {F}, {A} {O}."];

    /// <summary>The training texts: <paramref name="count"/> in all, topics in turn.</summary>
    public static IReadOnlyList<TopicText> Training(int count) => Generate(count, seed: 11, TrainingFrames, heldOut: false);

    /// <summary>The held-out texts: other frames, and words the training texts never use.</summary>
    public static IReadOnlyList<TopicText> HeldOut(int count) => Generate(count, seed: 23, HeldOutFrames, heldOut: true);

    private static List<TopicText> Generate(int count, int seed, string[] frames, bool heldOut)
    {
        var random = new Random(seed);
        var texts = new List<TopicText>(count);
        for (var i = 0; i < count; i++)
        {
            var topic = Topics[i % Topics.Length];
            // One sentence in ten borrows its object from another topic: the subject and action still decide.
            var objectTopic = random.Next(10) == 0 ? Topics[random.Next(Topics.Length)] : topic;
            var text = frames[random.Next(frames.Length)]
                .Replace("{S}", Pick(random, Subjects[topic], heldOut), StringComparison.Ordinal)
                .Replace("{A}", Pick(random, Actions[topic], heldOut), StringComparison.Ordinal)
                .Replace("{O}", Pick(random, Objects[objectTopic], heldOut), StringComparison.Ordinal)
                .Replace("{F}", Fillers[random.Next(Fillers.Length)], StringComparison.Ordinal);
            texts.Add(new TopicText(char.ToUpperInvariant(text[0]) + text[1..], topic));
        }

        return texts;
    }

    /// <summary>Training draws from the first two thirds of a list; held-out texts from all of it, the last third mostly.</summary>
    private static string Pick(Random random, string[] words, bool heldOut)
    {
        var seen = words.Length * 2 / 3;
        return heldOut && random.Next(2) == 0 ? words[seen + random.Next(words.Length - seen)] : words[random.Next(heldOut ? words.Length : seen)];
    }
}
