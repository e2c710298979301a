using LabelStudio.ML.Examples.Vision;

namespace MmDetection;

/// <summary>The user's ONNX detector named by ONNX_MODEL_FILE, loaded once; absent when the variable is not set.</summary>
public sealed class UserDetector : IDisposable
{
    /// <summary>Loads the detector the settings name, if any.</summary>
    /// <exception cref="InvalidDataException">The file has neither supported signature; the message names the file and both signatures.</exception>
    public UserDetector(DetectorSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        Detector = settings.ModelFile is { } file ? OnnxDetector.Load(file, settings.LabelsFile, settings.InputSize) : null;
    }

    /// <summary>The detector, or <see langword="null"/> when none is configured.</summary>
    public OnnxDetector? Detector { get; }

    /// <inheritdoc />
    public void Dispose() => Detector?.Dispose();
}
