using System.Runtime.InteropServices;

namespace LabelStudio.ML.Examples.Vision.Ocr;

/// <summary>
/// The part of libtesseract's C API (<c>tesseract/capi.h</c>, Debian <c>libtesseract5</c>) the OCR examples use.
/// Handles are raw pointers; <see cref="TesseractEngine"/> owns them. Call <see cref="Load"/> before any of them.
/// </summary>
/// <remarks>
/// libtesseract must be loaded before OpenCvSharp's native library. OpenCvSharp's library carries its own copies of
/// libpng, libjpeg, libtiff and zstd and exports their symbols; Debian's shared libpng, when it is first loaded as a
/// dependency of OpenCvSharp (through freetype), binds its internal calls to OpenCvSharp's copy. Tesseract's LSTM
/// recogniser stores every line image as PNG through Leptonica and that shared libpng, and then aborts with "libpng
/// error: Invalid IHDR data" and "double free or corruption". Loaded first, libtesseract's libpng binds to itself.
/// The assembly's module initializer loads libtesseract early for that reason (<see cref="VisionModule"/>), and
/// <see cref="Load"/> refuses, with that explanation, to load it after the shared libpng is already in the process.
/// (Loading it into a link-map namespace of its own with <c>dlmopen</c> avoids the clash too, but crashed on the
/// thread-pool threads that serve requests.)
/// </remarks>
internal static partial class TesseractNative
{
    private const string Library = "libtesseract.so.5";

    private static readonly Lazy<IntPtr> Handle = new(LoadFirst);

    /// <summary><c>TessPageIteratorLevel</c>: the unit an iterator steps over.</summary>
    internal enum Level
    {
        Block = 0,
        Paragraph = 1,
        TextLine = 2,
        Word = 3,
        Symbol = 4,
    }

    [LibraryImport(Library)]
    internal static partial IntPtr TessBaseAPICreate();

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int TessBaseAPIInit3(IntPtr handle, string dataPath, string language);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int TessBaseAPISetVariable(IntPtr handle, string name, string value);

    [LibraryImport(Library)]
    internal static partial void TessBaseAPISetPageSegMode(IntPtr handle, int mode);

    [LibraryImport(Library)]
    internal static partial void TessBaseAPISetImage(IntPtr handle, IntPtr imageData, int width, int height, int bytesPerPixel, int bytesPerLine);

    [LibraryImport(Library)]
    internal static partial void TessBaseAPISetSourceResolution(IntPtr handle, int ppi);

    [LibraryImport(Library)]
    internal static partial int TessBaseAPIRecognize(IntPtr handle, IntPtr monitor);

    [LibraryImport(Library)]
    internal static partial IntPtr TessBaseAPIGetUTF8Text(IntPtr handle);

    [LibraryImport(Library)]
    internal static partial int TessBaseAPIMeanTextConf(IntPtr handle);

    [LibraryImport(Library)]
    internal static partial IntPtr TessBaseAPIGetIterator(IntPtr handle);

    [LibraryImport(Library)]
    internal static partial void TessBaseAPIClear(IntPtr handle);

    [LibraryImport(Library)]
    internal static partial void TessBaseAPIEnd(IntPtr handle);

    [LibraryImport(Library)]
    internal static partial void TessBaseAPIDelete(IntPtr handle);

    [LibraryImport(Library)]
    internal static partial void TessDeleteText(IntPtr text);

    [LibraryImport(Library)]
    internal static partial IntPtr TessResultIteratorGetPageIterator(IntPtr iterator);

    [LibraryImport(Library)]
    internal static partial IntPtr TessResultIteratorGetUTF8Text(IntPtr iterator, Level level);

    [LibraryImport(Library)]
    internal static partial float TessResultIteratorConfidence(IntPtr iterator, Level level);

    [LibraryImport(Library)]
    internal static partial int TessResultIteratorNext(IntPtr iterator, Level level);

    [LibraryImport(Library)]
    internal static partial void TessResultIteratorDelete(IntPtr iterator);

    [LibraryImport(Library)]
    internal static partial int TessPageIteratorBoundingBox(IntPtr iterator, Level level, out int left, out int top, out int right, out int bottom);

    /// <summary>Loads libtesseract (once per process).</summary>
    /// <exception cref="InvalidOperationException">libtesseract is not installed, or is loaded too late (see the remarks).</exception>
    internal static void Load() => _ = Handle.Value;

    /// <summary>Loads libtesseract when it is installed; does nothing when it is not.</summary>
    /// <returns>Whether it is loaded.</returns>
    internal static bool TryLoad()
    {
        try
        {
            Load();
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>Reads and frees a string libtesseract allocated.</summary>
    internal static string TakeText(IntPtr text)
    {
        if (text == IntPtr.Zero)
        {
            return "";
        }

        try
        {
            return Marshal.PtrToStringUTF8(text) ?? "";
        }
        finally
        {
            TessDeleteText(text);
        }
    }

    private static IntPtr LoadFirst()
    {
        if (IsMapped("libOpenCvSharpExtern") && !IsMapped(Library))
        {
            throw new InvalidOperationException(
                $"{Library} must be loaded before OpenCV's native library, which brought a libpng into the process that Tesseract cannot share "
                + "(it aborts with 'libpng error: Invalid IHDR data'). Call TesseractOcr.PreloadLibrary() at startup, before any OpenCV call.");
        }

        if (!NativeLibrary.TryLoad(Library, out var handle))
        {
            throw new InvalidOperationException(
                $"{Library} cannot be loaded: install Debian's tesseract-ocr package (apt-get install tesseract-ocr tesseract-ocr-eng).");
        }

        return handle;
    }

    private static bool IsMapped(string library)
    {
        try
        {
            return File.ReadLines("/proc/self/maps").Any(line => line.Contains(library, StringComparison.Ordinal));
        }
        catch (IOException)
        {
            return false;
        }
    }
}
