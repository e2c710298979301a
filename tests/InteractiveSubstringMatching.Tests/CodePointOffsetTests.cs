using InteractiveSubstringMatching.Tests.Support;
using LabelStudio.ML.Testing;
using Xunit;

namespace InteractiveSubstringMatching.Tests;

/// <summary>
/// Span offsets are Unicode code points, as Label Studio counts them: a character outside the Basic Multilingual
/// Plane (most emoji, rare CJK ideographs) is one position, although C# stores it as two UTF-16 code units.
/// </summary>
public sealed class CodePointOffsetTests
{
    /// <summary>How many code points precede UTF-16 index <paramref name="utf16Index"/>, counted rune by rune.</summary>
    private static int RunesBefore(string text, int utf16Index) => text[..utf16Index].EnumerateRunes().Count();

    [Fact]
    public async Task Offsets_after_emoji_and_supplementary_ideographs_count_each_as_one()
    {
        // 🍎 🍎 ␠ 苹 果 ␠ 𠀀 𠀀 ␠ 苹 果 !  — code points 0..11; 🍎 (U+1F34E) and 𠀀 (U+20000) take two UTF-16 units each.
        const string text = "🍎🍎 苹果 𠀀𠀀 苹果!";
        Assert.Equal(13, text.LastIndexOf("苹果", StringComparison.Ordinal));
        Assert.Equal(9, RunesBefore(text, 13));
        await using var backend = await TestBackend.StartAsync<SubstringMatchingModel>();

        var results = await backend.PredictAsync(NerProject.LabelConfig, [NerProject.Task(8, text)], NerProject.SelectionContext(3, 5, "苹果", label: "MISC"));

        Assert.Equal([(9, 11, "苹果", 1.0)], NerProject.Spans(Assert.Single(results)));
    }

    [Fact]
    public async Task An_emoji_selection_is_found_and_spans_one_code_point()
    {
        // 🍎 0–1, " pie, " 1–7, 🍎 7–8, " tart" 8–13.
        const string text = "🍎 pie, 🍎 tart";
        Assert.Equal(8, text.IndexOf("🍎", 1, StringComparison.Ordinal));
        Assert.Equal(7, RunesBefore(text, 8));
        await using var backend = await TestBackend.StartAsync<SubstringMatchingModel>();

        var results = await backend.PredictAsync(NerProject.LabelConfig, [NerProject.Task(9, text)], NerProject.SelectionContext(0, 1, "🍎", label: "MISC"));

        Assert.Equal([(7, 8, "🍎", 1.0)], NerProject.Spans(Assert.Single(results)));
    }

    [Fact]
    public async Task A_selection_after_an_emoji_is_recognised_by_its_code_point_offsets()
    {
        // 👋 0–1, " " 1–2, Anna 2–6, " and " 6–11, Anna 11–15 (selected); UTF-16 would put the selection at 12–16.
        // "anna" against "Anna": 3 of 4 characters agree.
        const string text = "👋 Anna and Anna";
        Assert.Equal(11, RunesBefore(text, text.LastIndexOf("Anna", StringComparison.Ordinal)));
        await using var backend = await TestBackend.StartAsync<SubstringMatchingModel>();

        var results = await backend.PredictAsync(NerProject.LabelConfig, [NerProject.Task(10, text)], NerProject.SelectionContext(11, 15, "Anna", label: "PER"));

        Assert.Equal([(2, 6, "Anna", 0.75)], NerProject.Spans(Assert.Single(results)));
    }
}
