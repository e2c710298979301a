using Xunit;

namespace Gliner.Tests;

/// <summary>Flat decoding and threshold tuning on spans whose best threshold is worked out by hand.</summary>
public sealed class ThresholdTunerTests
{
    [Fact]
    public void Decoding_keeps_the_best_of_overlapping_spans_and_tuning_finds_the_best_F1()
    {
        // Words 0-1 "PER" 0.9 beats word 1 alone (0.8); word 3 "LOC" 0.6 is right, word 5 "LOC" 0.4 is wrong.
        SpanCandidate[] candidates = [new(0, 1, 0, 0.9), new(1, 1, 0, 0.8), new(3, 3, 1, 0.6), new(5, 5, 1, 0.4)];
        Assert.Equal([new(0, 1, 0, 0.9), new(3, 3, 1, 0.6), new(5, 5, 1, 0.4)], FlatSpanDecoder.Decode(candidates, 0.3));
        Assert.Equal([new(0, 1, 0, 0.9)], FlatSpanDecoder.Decode(candidates, 0.6));

        var gold = new HashSet<(int, int, string)> { (0, 2, "PER"), (3, 4, "LOC") };
        string[] labels = ["PER", "LOC"];
        IEnumerable<(int, int, string)> Decode(double threshold) =>
            FlatSpanDecoder.Decode(candidates, threshold).Select(span => (span.FirstWord, span.LastWord + 1, labels[span.Label]));

        // Above 0.6 one span (F1 2/3); between 0.4 and 0.6 both right ones (F1 1); below 0.4 also the wrong one (F1 0.8).
        var (threshold, f1) = ThresholdTuner.Tune([(Decode, gold)], candidates.Select(c => c.Score));
        Assert.Equal(0.5, threshold, 9);
        Assert.Equal(1.0, f1, 9);
        Assert.Equal(0.8, ThresholdTuner.F1([(Decode, gold)], 0.1), 9);
    }
}
