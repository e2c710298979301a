using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Microsoft.ML.Tokenizers;
using OpenCvSharp;
using OpenCvSharp.Dnn;

namespace LabelStudio.ML.Examples.Vision;

/// <summary>
/// Grounding DINO from a user's ONNX export with the Hugging Face <c>GroundingDinoForObjectDetection</c> signature
/// (as Optimum and transformers.js export it, e.g. grounding-dino-tiny): the image resized to 800 on its shorter side
/// (at most 1333 on the longer), normalised with ImageNet statistics, and the prompt tokenized by BERT's uncased
/// word pieces from the <c>vocab.txt</c> next to the model, phrases separated by " . ". Each of the model's queries
/// gives a box (centre, size, relative to the image) and one logit per prompt token; a box's score is its best
/// token's probability and its label the prompt phrase of the best token above the text threshold.
/// </summary>
public sealed class GroundingDinoOnnxDetector : IGroundedDetector, IDisposable
{
    /// <summary>The accepted signature, for error messages and the README.</summary>
    public const string ExpectedSignature =
        "inputs pixel_values [1,3,H,W] float, input_ids [1,T] int64, attention_mask [1,T] int64, optional token_type_ids [1,T] int64 and pixel_mask [1,H,W] int64; " +
        "outputs logits [1,Q,T or 256] float and pred_boxes [1,Q,4] float (centre x, centre y, width, height relative to the image)";

    private const int ShortSide = 800;
    private const int LongSideLimit = 1333;
    private const int MaxTokens = 256;
    private const float IouLimit = 0.5f;
    private static readonly float[] Mean = [0.485f, 0.456f, 0.406f];
    private static readonly float[] Deviation = [0.229f, 0.224f, 0.225f];

    private readonly InferenceSession _session;
    private readonly BertTokenizer _tokenizer;
    private readonly int _dotId;

    /// <summary>Loads and checks the model and its vocabulary.</summary>
    /// <exception cref="InvalidOperationException">A file is missing, or the model does not have <see cref="ExpectedSignature"/>.</exception>
    public GroundingDinoOnnxDetector(string modelPath, string vocabPath)
    {
        if (!File.Exists(vocabPath))
        {
            throw new InvalidOperationException($"The Grounding DINO vocabulary {vocabPath} does not exist: put BERT's vocab.txt (bert-base-uncased) next to the model or set GROUNDING_DINO_VOCAB.");
        }

        if (!File.Exists(modelPath))
        {
            throw new InvalidOperationException($"The Grounding DINO model {modelPath} does not exist.");
        }

        _tokenizer = BertTokenizer.Create(vocabPath, new BertOptions { LowerCaseBeforeTokenization = true });
        _dotId = _tokenizer.EncodeToIds(".", addSpecialTokens: false) is [var dot] ? dot : throw new InvalidOperationException($"The vocabulary {vocabPath} has no \".\" token.");
        try
        {
            _session = new InferenceSession(modelPath);
        }
        catch (OnnxRuntimeException error)
        {
            throw new InvalidOperationException($"The Grounding DINO model {modelPath} is not an ONNX model ONNX Runtime can load: {error.Message}", error);
        }

        var inputs = _session.InputMetadata;
        var outputs = _session.OutputMetadata;
        if (!(inputs.TryGetValue("pixel_values", out var pixels) && pixels.Dimensions.Length == 4 && inputs.ContainsKey("input_ids") && inputs.ContainsKey("attention_mask")
            && outputs.ContainsKey("logits") && outputs.ContainsKey("pred_boxes")))
        {
            var has = $"inputs {string.Join(", ", inputs.Select(i => $"{i.Key} [{string.Join(',', i.Value.Dimensions)}]"))}; outputs {string.Join(", ", outputs.Keys)}";
            _session.Dispose();
            throw new InvalidOperationException($"The Grounding DINO model {modelPath} does not have the expected signature ({ExpectedSignature}); it has {has}.");
        }
    }

    /// <inheritdoc />
    public string Name => "grounding-dino-onnx";

    /// <inheritdoc />
    public IReadOnlyList<Detection> Detect(TaskImage image, string prompt, GroundingThresholds thresholds)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(thresholds);
        var (ids, phraseOfToken, phrases) = Tokenize(prompt);
        if (phrases.Count == 0)
        {
            return [];
        }

        var (pixelValues, height, width) = Pixels(image.Pixels);
        var count = ids.Length;
        var inputs = new List<NamedOnnxValue>();
        foreach (var name in _session.InputMetadata.Keys)
        {
            inputs.Add(name switch
            {
                "pixel_values" => NamedOnnxValue.CreateFromTensor(name, new DenseTensor<float>(pixelValues, [1, 3, height, width])),
                "input_ids" => NamedOnnxValue.CreateFromTensor(name, new DenseTensor<long>(ids, [1, count])),
                "attention_mask" => NamedOnnxValue.CreateFromTensor(name, new DenseTensor<long>(Enumerable.Repeat(1L, count).ToArray(), [1, count])),
                "token_type_ids" => NamedOnnxValue.CreateFromTensor(name, new DenseTensor<long>(new long[count], [1, count])),
                "pixel_mask" => NamedOnnxValue.CreateFromTensor(name, new DenseTensor<long>(Enumerable.Repeat(1L, height * width).ToArray(), [1, height, width])),
                _ => throw new InvalidOperationException($"The Grounding DINO model asks for an input \"{name}\" outside its expected signature ({ExpectedSignature})."),
            });
        }

        using var results = _session.Run(inputs);
        var logits = results.First(r => r.Name == "logits").AsTensor<float>();
        var boxes = results.First(r => r.Name == "pred_boxes").AsTensor<float>();
        var queries = logits.Dimensions[1];
        var tokens = Math.Min(logits.Dimensions[2], count);
        var size = image.Size;
        var found = new List<Detection>();
        for (var q = 0; q < queries; q++)
        {
            var best = 0.0;
            var phraseScores = new double[phrases.Count];
            for (var t = 0; t < tokens; t++)
            {
                var probability = 1 / (1 + Math.Exp(-logits[0, q, t]));
                if (phraseOfToken[t] < 0)
                {
                    continue;
                }

                best = Math.Max(best, probability);
                phraseScores[phraseOfToken[t]] = Math.Max(phraseScores[phraseOfToken[t]], probability);
            }

            var phrase = Array.IndexOf(phraseScores, phraseScores.Max());
            if (best < thresholds.Box || phraseScores[phrase] < thresholds.Text)
            {
                continue;
            }

            var (cx, cy, w, h) = (boxes[0, q, 0] * size.Width, boxes[0, q, 1] * size.Height, boxes[0, q, 2] * size.Width, boxes[0, q, 3] * size.Height);
            var box = new Rect((int)Math.Round(cx - (w / 2)), (int)Math.Round(cy - (h / 2)), (int)Math.Round(w), (int)Math.Round(h)) & new Rect(0, 0, size.Width, size.Height);
            if (box.Width > 0 && box.Height > 0)
            {
                found.Add(new Detection(box, phrases[phrase], best));
            }
        }

        // Several queries often find the same object: keep the best box of each overlapping group per phrase.
        CvDnn.NMSBoxes(found.Select(d => d.Box), found.Select(d => (float)d.Score), (float)thresholds.Box, IouLimit, out var kept);
        return [.. kept.Select(i => found[i]).OrderByDescending(d => d.Score)];
    }

    /// <summary>
    /// <c>[CLS] phrase . phrase . [SEP]</c>, lower-cased word pieces, and for each token the phrase it belongs to
    /// (-1 for the special tokens and the dots).
    /// </summary>
    private (long[] Ids, int[] PhraseOfToken, List<string> Phrases) Tokenize(string prompt)
    {
        var phrases = new List<string>();
        var ids = new List<long> { _tokenizer.ClassificationTokenId };
        var owners = new List<int> { -1 };
        foreach (var phrase in prompt.Split(['.', ',', ';', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var pieces = _tokenizer.EncodeToIds(phrase, addSpecialTokens: false);
            if (pieces.Count == 0 || ids.Count + pieces.Count + 2 > MaxTokens)
            {
                continue;
            }

            foreach (var piece in pieces)
            {
                ids.Add(piece);
                owners.Add(phrases.Count);
            }

            ids.Add(_dotId);
            owners.Add(-1);
            phrases.Add(phrase);
        }

        ids.Add(_tokenizer.SeparatorTokenId);
        owners.Add(-1);
        return ([.. ids], [.. owners], phrases);
    }

    private (float[] Values, int Height, int Width) Pixels(Mat bgr)
    {
        var fixedSize = _session.InputMetadata["pixel_values"].Dimensions;
        int width, height;
        if (fixedSize[2] > 0 && fixedSize[3] > 0)
        {
            (height, width) = (fixedSize[2], fixedSize[3]);
        }
        else
        {
            var scale = Math.Min((double)ShortSide / Math.Min(bgr.Width, bgr.Height), (double)LongSideLimit / Math.Max(bgr.Width, bgr.Height));
            (width, height) = ((int)Math.Round(bgr.Width * scale), (int)Math.Round(bgr.Height * scale));
        }

        using var resized = bgr.Resize(new Size(width, height), 0, 0, InterpolationFlags.Linear);
        resized.GetArray(out Vec3b[] pixels);
        var plane = width * height;
        var values = new float[3 * plane];
        for (var i = 0; i < plane; i++)
        {
            var pixel = pixels[i];
            values[i] = ((pixel.Item2 / 255f) - Mean[0]) / Deviation[0];
            values[plane + i] = ((pixel.Item1 / 255f) - Mean[1]) / Deviation[1];
            values[(2 * plane) + i] = ((pixel.Item0 / 255f) - Mean[2]) / Deviation[2];
        }

        return (values, height, width);
    }

    /// <inheritdoc />
    public void Dispose() => _session.Dispose();
}
