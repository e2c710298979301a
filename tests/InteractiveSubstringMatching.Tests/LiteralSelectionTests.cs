using InteractiveSubstringMatching.Tests.Support;
using LabelStudio.ML.Testing;
using Xunit;

namespace InteractiveSubstringMatching.Tests;

/// <summary>
/// The selected text is searched for literally: regular-expression metacharacters in it match themselves (the
/// original example built a pattern from the selection unescaped, which fails on <c>C++</c> and over-matches <c>a.b</c>).
/// </summary>
public sealed class LiteralSelectionTests
{
    public static TheoryData<string, string, int, int, double> Cases() => new()
    {
        // C++ 0–3 (selected), " beats C, " 3–13, C++ 13–16; "c++" against "C++": 2 of 3 agree.
        { "C++ beats C, C++ wins", "C++", 13, 16, 2.0 / 3 },
        // (a) 0–3 (selected), " a " 3–6, (a) 6–9; the bare "a" at 4 is not "(a)".
        { "(a) a (a)", "(a)", 6, 9, 1.0 },
        // a.b 0–3 (selected), " axb " 3–8, a.b 8–11; "axb" is not "a.b".
        { "a.b axb a.b", "a.b", 8, 11, 1.0 },
        // [x]? 0–4 (selected), " x " 4–7, [x]? 7–11.
        { "[x]? x [x]?", "[x]?", 7, 11, 1.0 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Metacharacters_in_the_selection_match_only_themselves(string text, string selection, int start, int end, double score)
    {
        await using var backend = await TestBackend.StartAsync<SubstringMatchingModel>();

        var results = await backend.PredictAsync(
            NerProject.LabelConfig, [NerProject.Task(11, text)], NerProject.SelectionContext(0, selection.Length, selection, label: "MISC"));

        var span = Assert.Single(NerProject.Spans(Assert.Single(results)));
        Assert.Equal((start, end, selection), (span.Start, span.End, span.Text));
        Assert.Equal(score, span.Score, 12);
    }
}
