using LabelStudio.ML.Examples.Text;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Gliner;

/// <summary>
/// A user's GLiNER span model exported to ONNX (the layout of <see cref="GlinerModelFolder"/>), loaded once on first use
/// from <c>GLINER_MODEL_DIR</c>. It reads the prompt <c>&lt;&lt;ENT&gt;&gt; label₁ … &lt;&lt;ENT&gt;&gt; labelₙ
/// &lt;&lt;SEP&gt;&gt;</c> followed by the text's words and rates every span of up to <c>max_width</c> words for
/// every label: a sigmoid of its logit.
/// </summary>
/// <remarks>
/// Inputs as GLiNER's ONNX export names them: <c>input_ids</c>, <c>attention_mask</c>, <c>words_mask</c> (for the
/// first sub-token of text word <c>w</c> the value <c>w + 1</c>, else 0), <c>text_lengths</c> [batch, 1],
/// <c>span_idx</c> [batch, words × max_width, 2] (start, end word, inclusive) and <c>span_mask</c> (bool); output
/// <c>logits</c> [batch, words, max_width, labels]. Thread-safe.
/// </remarks>
public sealed class GlinerOnnxScorer : ISpanScorer, IDisposable
{
    private readonly Lazy<(GlinerModelFolder Folder, InferenceSession Session)> _model;

    /// <summary>A scorer for the model in <paramref name="directory"/>, loaded on first use.</summary>
    public GlinerOnnxScorer(string directory, double threshold)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        DefaultThreshold = threshold;
        _model = new(() =>
        {
            var folder = GlinerModelFolder.Load(directory);
            return (folder, new InferenceSession(folder.ModelPath));
        });
    }

    /// <inheritdoc />
    public string Name => "gliner-onnx";

    /// <inheritdoc />
    public double DefaultThreshold { get; }

    /// <inheritdoc />
    public IReadOnlyList<ScoredText> Score(IReadOnlyList<string> texts, IReadOnlyList<EntityPrompt> labels)
    {
        ArgumentNullException.ThrowIfNull(texts);
        ArgumentNullException.ThrowIfNull(labels);
        var (folder, session) = _model.Value;
        var words = texts.Select(text => WordSplitter.SplitGliner(text, folder.MaxWords)).ToList();
        var result = words.Select(w => new ScoredText(w, [])).ToArray();
        // GLiNER cannot read a text without words; those keep no candidates and stay out of the batch.
        var rows = Enumerable.Range(0, texts.Count).Where(i => words[i].Count > 0).ToList();
        if (rows.Count == 0 || labels.Count == 0)
        {
            return result;
        }

        var prompt = new List<long>();
        foreach (var label in labels)
        {
            prompt.Add(folder.EntityTokenId);
            prompt.AddRange(folder.Tokenizer.EncodeWord(label.Name).Select(id => (long)id));
        }

        prompt.Add(folder.SeparatorTokenId);
        var sequences = rows.Select(i => Tokens(folder, prompt, texts[i], words[i])).ToList();
        var (logits, dimensions) = Run(session, folder.Tokenizer.PadId, sequences, rows.Select(i => words[i].Count).ToList(), folder.MaxWidth);
        if (dimensions.Length != 4 || dimensions[2] != folder.MaxWidth || dimensions[3] != labels.Count)
        {
            throw new InvalidDataException(
                $"The GLiNER model's logits have shape [{string.Join(", ", dimensions)}]; [batch, words, {folder.MaxWidth} (max_width), {labels.Count} (labels)] was expected.");
        }

        var (length, width, classes) = (dimensions[1], dimensions[2], dimensions[3]);
        for (var row = 0; row < rows.Count; row++)
        {
            var count = words[rows[row]].Count;
            var candidates = new List<SpanCandidate>();
            for (var start = 0; start < Math.Min(count, length); start++)
            {
                for (var k = 0; k < width && start + k < count; k++)
                {
                    var offset = (((((row * length) + start) * width) + k) * classes);
                    for (var label = 0; label < classes; label++)
                    {
                        candidates.Add(new SpanCandidate(start, start + k, label, 1 / (1 + Math.Exp(-logits[offset + label]))));
                    }
                }
            }

            result[rows[row]] = new ScoredText(words[rows[row]], candidates);
        }

        return result;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_model.IsValueCreated)
        {
            _model.Value.Session.Dispose();
        }
    }

    /// <summary><c>[CLS] prompt words [SEP]</c> as ids, and for each token the text word it starts (1-based) or 0.</summary>
    private static (long[] Ids, long[] WordStarts) Tokens(GlinerModelFolder folder, List<long> prompt, string text, IReadOnlyList<TextWord> words)
    {
        var ids = new List<long>(prompt.Count + (words.Count * 2) + 2) { folder.Tokenizer.ClsId };
        ids.AddRange(prompt);
        var starts = new List<long>(new long[ids.Count]);
        for (var w = 0; w < words.Count; w++)
        {
            var pieces = folder.Tokenizer.EncodeWord(text.Substring(words[w].Start, words[w].Length));
            // A word that normalizes to nothing still needs a token of its own, or the words after it would shift.
            IEnumerable<long> tokens = pieces.Count == 0 ? [folder.Tokenizer.UnknownId] : pieces.Select(id => (long)id);
            var first = true;
            foreach (var id in tokens)
            {
                ids.Add(id);
                starts.Add(first ? w + 1 : 0);
                first = false;
            }
        }

        ids.Add(folder.Tokenizer.SepId);
        starts.Add(0);
        return ([.. ids], [.. starts]);
    }

    private static (float[] Values, int[] Dimensions) Run(InferenceSession session, long padId, List<(long[] Ids, long[] WordStarts)> sequences, List<int> wordCounts, int maxWidth)
    {
        var batch = sequences.Count;
        var length = sequences.Max(s => s.Ids.Length);
        var maxWords = wordCounts.Max();
        var spans = maxWords * maxWidth;
        var ids = new DenseTensor<long>([batch, length]);
        var mask = new DenseTensor<long>([batch, length]);
        var wordsMask = new DenseTensor<long>([batch, length]);
        var textLengths = new DenseTensor<long>([batch, 1]);
        var spanIndex = new DenseTensor<long>([batch, spans, 2]);
        var spanMask = new DenseTensor<bool>([batch, spans]);
        for (var row = 0; row < batch; row++)
        {
            var (sequence, starts) = sequences[row];
            for (var column = 0; column < length; column++)
            {
                var inside = column < sequence.Length;
                ids[row, column] = inside ? sequence[column] : padId;
                mask[row, column] = inside ? 1 : 0;
                wordsMask[row, column] = inside ? starts[column] : 0;
            }

            textLengths[row, 0] = wordCounts[row];
            for (var start = 0; start < maxWords; start++)
            {
                for (var k = 0; k < maxWidth; k++)
                {
                    // As GLiNER: spans that run past the text are masked and their indexes zeroed.
                    var span = (start * maxWidth) + k;
                    var valid = start + k < wordCounts[row];
                    spanMask[row, span] = valid;
                    spanIndex[row, span, 0] = valid ? start : 0;
                    spanIndex[row, span, 1] = valid ? start + k : 0;
                }
            }
        }

        var inputs = new List<NamedOnnxValue>
        {
            NamedOnnxValue.CreateFromTensor("input_ids", ids),
            NamedOnnxValue.CreateFromTensor("attention_mask", mask),
            NamedOnnxValue.CreateFromTensor("words_mask", wordsMask),
            NamedOnnxValue.CreateFromTensor("text_lengths", textLengths),
            NamedOnnxValue.CreateFromTensor("span_idx", spanIndex),
            NamedOnnxValue.CreateFromTensor("span_mask", spanMask),
        };
        var missing = inputs.Select(input => input.Name).Where(name => !session.InputMetadata.ContainsKey(name)).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidDataException(
                $"The ONNX model has no input {string.Join(", ", missing)} (its inputs: {string.Join(", ", session.InputMetadata.Keys)}); a GLiNER span model is expected.");
        }

        var output = session.OutputMetadata.ContainsKey("logits") ? "logits" : session.OutputMetadata.Keys.First();
        using var results = session.Run(inputs, [output]);
        var tensor = results[0].AsTensor<float>();
        return (tensor.ToArray(), tensor.Dimensions.ToArray());
    }
}
