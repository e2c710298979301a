using OpenCvSharp;
using static LabelStudio.ML.Examples.Vision.Ocr.TesseractNative;

namespace LabelStudio.ML.Examples.Vision.Ocr;

/// <summary>
/// One initialised <c>TessBaseAPI</c>: the language data loaded once, then any number of recognitions. Not thread-safe
/// (Tesseract keeps the page in the handle), so <see cref="TesseractOcr"/> lends each one to one caller at a time.
/// </summary>
internal sealed class TesseractEngine : IDisposable
{
    // Tesseract's page segmentation modes (PSM): 3 = find blocks and lines automatically, 6 = one uniform block of text.
    internal const int AutomaticPageSegmentation = 3;
    internal const int SingleBlock = 6;

    // Images from the web carry no resolution; Tesseract then warns and assumes 70 dpi. Say it, to keep stderr quiet.
    private const int AssumedDpi = 70;

    private IntPtr _handle;

    private TesseractEngine(IntPtr handle) => _handle = handle;

    /// <summary>Creates an engine with <paramref name="options"/>' languages loaded.</summary>
    /// <exception cref="InvalidOperationException">libtesseract is not installed, or the language data do not load.</exception>
    public static TesseractEngine Create(TesseractOptions options)
    {
        Load();
        var handle = TessBaseAPICreate();

        if (TessBaseAPIInit3(handle, options.DataPath, options.Languages) != 0)
        {
            TessBaseAPIDelete(handle);
            throw new InvalidOperationException($"Tesseract could not load the languages '{options.Languages}' from {options.DataPath}.");
        }

        // Tesseract's own debug output would otherwise go to stderr.
        TessBaseAPISetVariable(handle, "debug_file", "/dev/null");
        return new TesseractEngine(handle);
    }

    /// <summary>Reads <paramref name="image"/> as one block of text (Tesseract's <c>--psm 6</c>).</summary>
    public OcrText ReadBlock(Mat image)
    {
        SetImage(image, SingleBlock);
        try
        {
            var text = TakeText(TessBaseAPIGetUTF8Text(_handle)).Trim();
            var confidence = text.Length == 0 ? 0 : Math.Clamp(TessBaseAPIMeanTextConf(_handle) / 100.0, 0, 1);
            return new OcrText(text, confidence);
        }
        finally
        {
            TessBaseAPIClear(_handle);
        }
    }

    /// <summary>Finds the text lines of <paramref name="image"/> (Tesseract's automatic page segmentation) and reads each.</summary>
    public IReadOnlyList<OcrLine> ReadLines(Mat image)
    {
        SetImage(image, AutomaticPageSegmentation);
        try
        {
            if (TessBaseAPIRecognize(_handle, IntPtr.Zero) != 0)
            {
                throw new InvalidOperationException("Tesseract failed to recognise the image.");
            }

            var lines = new List<OcrLine>();
            var iterator = TessBaseAPIGetIterator(_handle);
            if (iterator == IntPtr.Zero)
            {
                return lines;
            }

            try
            {
                do
                {
                    var text = TakeText(TessResultIteratorGetUTF8Text(iterator, Level.TextLine)).Trim();
                    if (text.Length == 0
                        || TessPageIteratorBoundingBox(TessResultIteratorGetPageIterator(iterator), Level.TextLine, out var left, out var top, out var right, out var bottom) == 0)
                    {
                        continue;
                    }

                    var confidence = Math.Clamp(TessResultIteratorConfidence(iterator, Level.TextLine) / 100.0, 0, 1);
                    lines.Add(OcrLine.FromBox(new Rect(left, top, right - left, bottom - top), text, confidence));
                }
                while (TessResultIteratorNext(iterator, Level.TextLine) != 0);
            }
            finally
            {
                TessResultIteratorDelete(iterator);
            }

            return lines;
        }
        finally
        {
            TessBaseAPIClear(_handle);
        }
    }

    private void SetImage(Mat image, int pageSegmentation)
    {
        ObjectDisposedException.ThrowIf(_handle == IntPtr.Zero, this);
        // Grey is all Tesseract looks at (it binarises), and one byte per pixel needs no channel reordering.
        using var grey = image.Channels() == 1 ? image.Clone() : image.CvtColor(image.Channels() == 4 ? ColorConversionCodes.BGRA2GRAY : ColorConversionCodes.BGR2GRAY);
        TessBaseAPISetPageSegMode(_handle, pageSegmentation);
        // SetImage copies the pixels, so the Mat may go once it returns.
        TessBaseAPISetImage(_handle, grey.Data, grey.Width, grey.Height, 1, (int)grey.Step());
        TessBaseAPISetSourceResolution(_handle, AssumedDpi);
    }

    public void Dispose()
    {
        if (_handle != IntPtr.Zero)
        {
            TessBaseAPIEnd(_handle);
            TessBaseAPIDelete(_handle);
            _handle = IntPtr.Zero;
        }
    }
}
