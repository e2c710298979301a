using System.Collections.Concurrent;
using OpenCvSharp;

namespace LabelStudio.ML.Examples.Vision.Ocr;

/// <summary>
/// Tesseract OCR (Debian <c>tesseract-ocr</c>, libtesseract 5 through its C API): reads a box of an image as one block
/// of text, or finds and reads every line of an image. Engines are created on first use, one per concurrent caller,
/// and kept: loading a language's data takes far longer than reading a box.
/// </summary>
public sealed class TesseractOcr : IOcrEngine, IDisposable
{
    private readonly TesseractOptions _options;
    private readonly ConcurrentBag<TesseractEngine> _idle = [];
    private bool _disposed;

    /// <summary>Checks the options and loads one engine, so that a missing library or language fails here, at startup.</summary>
    /// <exception cref="InvalidOperationException">libtesseract or a language's data is missing.</exception>
    public TesseractOcr(TesseractOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _idle.Add(TesseractEngine.Create(options));
    }

    /// <summary>
    /// Loads libtesseract now, when it is installed. Tesseract and OpenCV share a process only when libtesseract is
    /// loaded first; this library does that when it is first used, so call this only from code that may call OpenCV
    /// before anything of this library (tests that draw their images first, for instance).
    /// </summary>
    /// <returns>Whether libtesseract is loaded.</returns>
    public static bool PreloadLibrary() => TesseractNative.TryLoad();

    /// <inheritdoc />
    public string Name => "tesseract-" + _options.Languages;

    /// <summary>The languages the engines read (Tesseract codes joined by <c>+</c>).</summary>
    public string Languages => _options.Languages;

    /// <summary>Reads the part <paramref name="box"/> of <paramref name="image"/> as one block of text (Tesseract's <c>--psm 6</c>).</summary>
    /// <returns>The text (lines joined by new lines, trimmed) and Tesseract's mean word confidence; empty text for an empty box.</returns>
    public OcrText ReadBlock(Mat image, Rect box)
    {
        ArgumentNullException.ThrowIfNull(image);
        var inside = box & new Rect(0, 0, image.Width, image.Height);
        if (inside.Width < 1 || inside.Height < 1)
        {
            return new OcrText("", 0);
        }

        using var crop = new Mat(image, inside);
        return Use(engine => engine.ReadBlock(crop));
    }

    /// <inheritdoc />
    public IReadOnlyList<OcrLine> ReadLines(Mat image)
    {
        ArgumentNullException.ThrowIfNull(image);
        return Use(engine => engine.ReadLines(image));
    }

    private T Use<T>(Func<TesseractEngine, T> read)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var engine = _idle.TryTake(out var idle) ? idle : TesseractEngine.Create(_options);
        try
        {
            return read(engine);
        }
        finally
        {
            _idle.Add(engine);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _disposed = true;
        while (_idle.TryTake(out var engine))
        {
            engine.Dispose();
        }
    }
}
