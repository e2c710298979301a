using OpenCvSharp;

namespace EasyOcr.PaddleOcr;

/// <summary>
/// PP-OCRv4's CRNN-style recogniser with a CTC head: a strip 48 pixels high goes in, a character distribution per
/// horizontal step comes out; the most likely character of each step is kept, repeats merged and blanks dropped.
/// </summary>
internal sealed class TextRecognizer(OnnxStage model, IReadOnlyList<string> characters) : IDisposable
{
    private const int Height = 48;

    // PaddleOCR batches six strips of similar width; the batch is as wide as its widest strip (at least 320).
    private const int BatchSize = 6;
    private const int MinWidth = 320;

    /// <summary>The characters by class index: 0 is the CTC blank.</summary>
    public IReadOnlyList<string> Characters => characters;

    /// <summary>Reads each strip.</summary>
    /// <returns>Text and confidence (the mean probability of the kept characters) per strip, in the given order.</returns>
    public (string Text, double Confidence)[] Read(IReadOnlyList<Mat> strips)
    {
        var results = new (string, double)[strips.Count];
        var order = Enumerable.Range(0, strips.Count).OrderBy(i => (double)strips[i].Width / strips[i].Height).ToArray();
        for (var start = 0; start < order.Length; start += BatchSize)
        {
            var batch = order.Skip(start).Take(BatchSize).ToArray();
            var widest = batch.Max(i => (double)strips[i].Width / strips[i].Height);
            var width = Math.Max(MinWidth, (int)Math.Ceiling(Height * widest));
            var (values, dimensions) = model.Run(StripBatch.Create([.. batch.Select(i => strips[i])], Height, width));
            var steps = dimensions[1];
            var classes = dimensions[2];
            for (var b = 0; b < batch.Length; b++)
            {
                results[batch[b]] = Decode(values.AsSpan(b * steps * classes, steps * classes), steps, classes);
            }
        }

        return results;
    }

    private (string, double) Decode(ReadOnlySpan<float> probabilities, int steps, int classes)
    {
        var text = new System.Text.StringBuilder();
        var sum = 0.0;
        var kept = 0;
        var previous = -1;
        for (var t = 0; t < steps; t++)
        {
            var row = probabilities.Slice(t * classes, classes);
            var best = 0;
            for (var c = 1; c < classes; c++)
            {
                if (row[c] > row[best])
                {
                    best = c;
                }
            }

            if (best != 0 && best != previous && best < characters.Count)
            {
                text.Append(characters[best]);
                sum += row[best];
                kept++;
            }

            previous = best;
        }

        return (text.ToString(), kept == 0 ? 0 : sum / kept);
    }

    public void Dispose() => model.Dispose();
}
