using InteractiveSubstringMatching.Tests.Support;
using LabelStudio.ML.Testing;
using Xunit;

namespace InteractiveSubstringMatching.Tests;

/// <summary>
/// Every occurrence of the selected text is found whatever its casing; each suggestion keeps the task's own casing
/// and is scored by how many of its characters equal the lower-cased selection.
/// </summary>
public sealed class CaseInsensitiveMatchingTests
{
    [Fact]
    public async Task Occurrences_in_any_casing_are_suggested_with_the_tasks_own_casing()
    {
        // apple 0–5, " pie, " 5–11, APPLE 11–16, " juice and an " 16–30, Apple 30–35 (the selection).
        const string text = "apple pie, APPLE juice and an Apple";
        await using var backend = await TestBackend.StartAsync<SubstringMatchingModel>();

        var results = await backend.PredictAsync(NerProject.LabelConfig, [NerProject.Task(5, text)], NerProject.SelectionContext(30, 35, "Apple"));

        var prediction = Assert.Single(results);
        // "apple" equals "apple" in all 5 characters; "APPLE" in none of them.
        Assert.Equal([(0, 5, "apple", 1.0), (11, 16, "APPLE", 0.0)], NerProject.Spans(prediction));
        Assert.Equal(0.5, prediction!["score"]!.GetValue<double>(), 12);
        Assert.All(prediction["result"]!.AsArray(), region => Assert.Equal("ORG", region!["value"]!["labels"]![0]!.GetValue<string>()));
    }

    [Fact]
    public async Task The_selections_label_is_given_to_every_suggestion()
    {
        await using var backend = await TestBackend.StartAsync<SubstringMatchingModel>();

        var results = await backend.PredictAsync(
            NerProject.LabelConfig, [NerProject.Task(5, "Paris, paris, PARIS")], NerProject.SelectionContext(0, 5, "Paris", label: "LOC"));

        var labels = Assert.Single(results)!["result"]!.AsArray().Select(region => region!["value"]!["labels"]!.ToJsonString());
        Assert.Equal(["[\"LOC\"]", "[\"LOC\"]"], labels);
    }

    [Fact]
    public async Task Several_tasks_get_one_prediction_each_in_task_order()
    {
        await using var backend = await TestBackend.StartAsync<SubstringMatchingModel>();

        var results = await backend.PredictAsync(
            NerProject.LabelConfig,
            [NerProject.Task(1, "Apple and apple"), NerProject.Task(2, "no fruit here"), NerProject.Task(3, "pineAPPLE")],
            NerProject.SelectionContext(0, 5, "Apple"));

        Assert.Equal(3, results.Count);
        // With several tasks the selection's task is unknown, so the span at 0–5 of task 1 is suggested too.
        Assert.Equal([(0, 5, "Apple", 0.8), (10, 15, "apple", 1.0)], NerProject.Spans(results[0]));
        Assert.Equal(0.9, results[0]!["score"]!.GetValue<double>(), 12);
        Assert.Empty(NerProject.Spans(results[1]));
        Assert.Equal(0.0, results[1]!["score"]!.GetValue<double>());
        // "pine" is 4 characters; APPLE 4–9 shares no character with "apple".
        Assert.Equal([(4, 9, "APPLE", 0.0)], NerProject.Spans(results[2]));
        Assert.All(results, prediction => Assert.Equal("0.0.1", prediction!["model_version"]!.GetValue<string>()));
    }
}
