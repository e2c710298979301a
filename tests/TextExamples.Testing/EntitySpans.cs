using System.Text.Json.Nodes;
using Xunit;

namespace TextExamples.Testing;

/// <summary>Checks of the <c>labels</c> spans a NER backend answers.</summary>
public static class EntitySpans
{
    /// <summary>Asserts one span region: offsets (code points), covered text, label and score.</summary>
    public static void AssertSpan(JsonNode region, int start, int end, string text, string label, double score, int precision)
    {
        ArgumentNullException.ThrowIfNull(region);
        var value = region["value"]!;
        Assert.Equal(start, value["start"]!.GetValue<int>());
        Assert.Equal(end, value["end"]!.GetValue<int>());
        Assert.Equal(text, value["text"]!.GetValue<string>());
        Assert.Equal(label, value["labels"]![0]!.GetValue<string>());
        Assert.Equal(score, region["score"]!.GetValue<double>(), precision);
    }

    /// <summary>
    /// Exact-span micro precision, recall and F1 (same start, end and label) of /predict <paramref name="results"/> on
    /// <paramref name="sentences"/>; asserts that every span's <c>text</c> is the substring it covers.
    /// </summary>
    public static (double Precision, double Recall, double F1) Score(IReadOnlyList<EntitySentence> sentences, JsonArray results)
    {
        ArgumentNullException.ThrowIfNull(sentences);
        ArgumentNullException.ThrowIfNull(results);
        int truePositives = 0, predicted = 0, gold = 0;
        for (var i = 0; i < sentences.Count; i++)
        {
            var expected = sentences[i].Entities.Select(e => (e.Start, e.End, e.Label)).ToHashSet();
            gold += expected.Count;
            foreach (var region in results[i]!["result"]!.AsArray())
            {
                var value = region!["value"]!;
                var (start, end) = (value["start"]!.GetValue<int>(), value["end"]!.GetValue<int>());
                Assert.Equal(sentences[i].Text[start..end], value["text"]!.GetValue<string>());
                predicted++;
                truePositives += expected.Contains((start, end, value["labels"]![0]!.GetValue<string>())) ? 1 : 0;
            }
        }

        var precision = (double)truePositives / Math.Max(1, predicted);
        var recall = (double)truePositives / Math.Max(1, gold);
        return (precision, recall, 2 * precision * recall / Math.Max(1e-9, precision + recall));
    }
}
