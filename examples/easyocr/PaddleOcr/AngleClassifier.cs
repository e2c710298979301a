using OpenCvSharp;

namespace EasyOcr.PaddleOcr;

/// <summary>
/// PP-OCR's text direction classifier (mobile v2.0): tells upright strips (class 0) from upside-down ones (class 1),
/// so that text photographed upside down is turned before it is read.
/// </summary>
internal sealed class AngleClassifier(OnnxStage model) : IDisposable
{
    private const int Height = 48;
    private const int Width = 192;

    // PaddleOCR turns a strip only when the classifier is this sure (cls_thresh).
    private const float Threshold = 0.9f;

    /// <summary>Turns the strips the classifier finds upside down by 180°, in place.</summary>
    public void Straighten(IReadOnlyList<Mat> strips)
    {
        if (strips.Count == 0)
        {
            return;
        }

        var (scores, _) = model.Run(StripBatch.Create(strips, Height, Width));
        for (var i = 0; i < strips.Count; i++)
        {
            if (scores[(2 * i) + 1] > scores[2 * i] && scores[(2 * i) + 1] > Threshold)
            {
                Cv2.Rotate(strips[i], strips[i], RotateFlags.Rotate180);
            }
        }
    }

    public void Dispose() => model.Dispose();
}
