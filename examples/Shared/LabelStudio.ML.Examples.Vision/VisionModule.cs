using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using LabelStudio.ML.Examples.Vision.Ocr;

namespace LabelStudio.ML.Examples.Vision;

/// <summary>Runs when the library is first used, before any of its code.</summary>
internal static class VisionModule
{
    /// <summary>
    /// Loads libtesseract, when it is installed, before anything can load OpenCV's native library: the two only work
    /// together in that order (see <see cref="TesseractNative"/>).
    /// </summary>
    [ModuleInitializer]
    [SuppressMessage("Usage", "CA2255:The 'ModuleInitializer' attribute should not be used in libraries", Justification = "The load order of two native libraries must be set before either is used; see TesseractNative.")]
    internal static void Initialize() => TesseractNative.TryLoad();
}
